// A GET to the loopback callback server with a Host header of the test's choosing (fetch would
// write its own), as a DNS-rebinding page or another local program would send it; the status code.
import { request } from 'node:http';

export const statusWithHost = (port: number, path: string, host: string): Promise<number> =>
  new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host, connection: 'close' } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });
