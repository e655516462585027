// Reading a file someone else may have put there (auth.json, config.toml, a CA bundle) without
// trusting it to end. The open is non-blocking, so a FIFO cannot hang it; the descriptor is then
// checked (after the symlink was followed) to be a regular file no larger than the cap, and read
// from that same descriptor, never more than the cap: /dev/zero, a pipe or a 3 GB file is refused
// at once with a message naming the file.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export const MIB = 1024 * 1024;

/** Not a regular file, or too large; `code` is ENOTREG or EFBIG. */
export class UnreadableFileError extends Error {
  constructor(
    readonly code: 'ENOTREG' | 'EFBIG',
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

function kindOf(stat: import('node:fs').Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

const sizeText = (bytes: number) => (bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${bytes} bytes`);

/**
 * The UTF-8 text of `path`, a regular file (a symlink is followed) of at most `maxBytes`.
 * Errors from the system (ENOENT, EACCES, …) are thrown as they are; a file that is not regular
 * or is too large throws UnreadableFileError.
 */
export function readBoundedFileSync(path: string, maxBytes: number): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UnreadableFileError('ENOTREG', `${path} is ${kindOf(stat)}, not a regular file`);
    if (stat.size > maxBytes) {
      throw new UnreadableFileError('EFBIG', `${path} is too large (${sizeText(stat.size)}; at most ${sizeText(maxBytes)})`);
    }
    // Read to the end from this descriptor, but never past the cap (a file that grows is refused too).
    let buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, stat.size + 4096));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) return buffer.toString('utf8', 0, length);
      length += n;
      if (length > maxBytes) throw new UnreadableFileError('EFBIG', `${path} is too large (more than ${sizeText(maxBytes)})`);
    }
  } finally {
    closeSync(fd);
  }
}
