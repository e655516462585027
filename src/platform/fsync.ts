// fsync as a promise: it waits for the disk, so it waits off the main thread (every other file call
// of the credential store is synchronous). Over node:fs's callback, not node:fs/promises, whose
// first use loads about 1.5 ms of Node internals.
import { fsync as fsyncCallback } from 'node:fs';

export const fsync = (fd: number): Promise<void> =>
  new Promise((resolve, reject) => fsyncCallback(fd, (error) => (error ? reject(error) : resolve())));
