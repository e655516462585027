// What codex writes to a terminal that cannot take, or should not get, Ink's redraws:
// - TERM=dumb or CODEX_REDUCED_MOTION=1: no cursor movement at all. Ink then renders in its debug
//   mode (whole frames, never erased) and this stream writes only the lines of each frame that the
//   previous frame did not have, escape sequences removed: plain lines appended as things happen,
//   so a screen reader reads each line once.
// - A locale that is not UTF-8 (LC_ALL/LC_CTYPE/LANG): every character outside ASCII is written as
//   one ASCII character of the same width (… . • * █ # ↑ ^ …), so the layout Ink measured holds.
// Otherwise (the usual case) the terminal's own stream is used untouched.
import { stripVTControlCharacters } from 'node:util';
import { asciiOnly } from '../components/theme.js';

export const plainOutput = (env: NodeJS.ProcessEnv): boolean => env.TERM === 'dumb' || env.CODEX_REDUCED_MOTION === '1';

const ASCII: Record<string, string> = {
  '…': '.', '•': '*', '·': '-', '█': '#', '░': '-', '▓': '#', '▒': '-', '↑': '^', '↓': 'v', '←': '<', '→': '>',
  '✓': 'v', '✔': 'v', '✗': 'x', '✘': 'x', '—': '-', '–': '-', '‘': "'", '’': "'", '“': '"', '”': '"', '«': '"', '»': '"',
  '│': '|', '─': '-', '━': '-', '┃': '|', '╭': '+', '╮': '+', '╰': '+', '╯': '+', '┌': '+', '┐': '+', '└': '+', '┘': '+',
  '\u00a0': ' ',
};

/** `text` with each non-ASCII character replaced by one ASCII character (`?` when none fits). */
export function toAscii(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[^\x00-\x7f]/gu, (char) => ASCII[char] ?? (/\p{M}/u.test(char) ? '' : /[\u2800-\u28ff]/.test(char) ? '-' : '?'));
}

/**
 * Keeps, of each frame, the lines the last two writes did not show; the rest is already on screen.
 * Two: text printed above the frame (the sign-in link) is one write, and the frame after it must
 * not be printed again.
 */
export function createLineAppender(): (frame: string) => string {
  let last = new Set<string>();
  let before = new Set<string>();
  return (frame) => {
    const lines = stripVTControlCharacters(frame).split('\n').map((line) => line.trimEnd());
    if (lines.every((line) => line === '')) return '';
    const fresh = lines.filter((line, i) => line !== '' && !last.has(line) && !before.has(line) && lines.indexOf(line) === i);
    before = last;
    last = new Set(lines);
    return fresh.map((line) => `${line}\n`).join('');
  };
}

export interface TerminalOutput {
  stdout: NodeJS.WriteStream;
  /** Ink must not redraw in place (its debug mode: whole frames, this stream keeps the new lines). */
  plain: boolean;
}

export function terminalOutput(stdout: NodeJS.WriteStream, env: NodeJS.ProcessEnv): TerminalOutput {
  const plain = plainOutput(env);
  const ascii = asciiOnly(env);
  if (!plain && !ascii) return { stdout, plain };
  const append = plain ? createLineAppender() : null;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    let text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    if (append) text = append(text);
    if (ascii) text = toAscii(text);
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (text === '') {
      callback?.();
      return true;
    }
    return stdout.write(text, callback);
  };
  const proxy = new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { stdout: proxy, plain };
}
