// The file calls the credential store makes, as promises over node:fs's callbacks. node:fs/promises
// does the same, but its first use loads about 1.5 ms of Node internals (FileHandle, its streams,
// readline), a noticeable share of a refresh or a logout, whose budget is twice bare Node's start.
// Errors are node:fs's own (code, syscall, path), as with node:fs/promises.
import * as fs from 'node:fs';

type Done<T> = (error: NodeJS.ErrnoException | null, value: T) => void;

const call = <T>(run: (done: Done<T>) => void): Promise<T> =>
  new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value))));

export const open = (path: string, flags: string | number, mode?: number) => call<number>((done) => fs.open(path, flags, mode, done));
export const close = (fd: number) => call<void>((done) => fs.close(fd, (error) => done(error, undefined)));
export const fchmod = (fd: number, mode: number) => call<void>((done) => fs.fchmod(fd, mode, (error) => done(error, undefined)));
/** Writes all of `data` at the descriptor's position (a file just opened: its start). */
export const writeAll = (fd: number, data: string) => call<void>((done) => fs.writeFile(fd, data, 'utf8', (error) => done(error, undefined)));
export const fsync = (fd: number) => call<void>((done) => fs.fsync(fd, (error) => done(error, undefined)));
export const rename = (from: string, to: string) => call<void>((done) => fs.rename(from, to, (error) => done(error, undefined)));
export const unlink = (path: string) => call<void>((done) => fs.unlink(path, (error) => done(error, undefined)));
export const link = (from: string, to: string) => call<void>((done) => fs.link(from, to, (error) => done(error, undefined)));
export const copyFile = (from: string, to: string, mode: number) => call<void>((done) => fs.copyFile(from, to, mode, (error) => done(error, undefined)));
export const chmod = (path: string, mode: number) => call<void>((done) => fs.chmod(path, mode, (error) => done(error, undefined)));
export const lstat = (path: string) => call<fs.Stats>((done) => fs.lstat(path, done));
export const readlink = (path: string) => call<string>((done) => fs.readlink(path, 'utf8', done));
export const readdir = (path: string) => call<string[]>((done) => fs.readdir(path, 'utf8', done));
export const readFile = (path: string) => call<string>((done) => fs.readFile(path, 'utf8', done));
/** The first folder it created, or undefined when `path` was there already (as fs.promises.mkdir). */
export const mkdirRecursive = (path: string, mode: number) =>
  call<string | undefined>((done) => fs.mkdir(path, { recursive: true, mode }, done));
