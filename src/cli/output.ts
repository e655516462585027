// Output for headless commands: plain synchronous writes to fd 1 and 2. Node's process.stdout and
// process.stderr build a stream stack (some twenty internal modules) on first use; a command that
// prints two lines should not pay for that. The real streams stay available for Ink and the
// interactive sign-in flows.
import { writeSync } from 'node:fs';

export interface OutStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

export function fdWriter(fd: 1 | 2, stream: () => NodeJS.WriteStream): OutStream {
  return {
    write(text: string) {
      const bytes = Buffer.from(text, 'utf8');
      for (let offset = 0; offset < bytes.length; ) {
        try {
          offset += writeSync(fd, bytes, offset);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') return false; // the reader went away (e.g. `| head`): nothing left to do
          if (code !== 'EAGAIN') throw error;
          Atomics.wait(pause, 0, 0, 2); // a full non-blocking pipe: wait for the reader
        }
      }
      return true;
    },
    get isTTY() {
      return stream().isTTY === true;
    },
  };
}
