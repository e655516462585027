// What codex writes to a terminal that cannot take, or should not get, Ink's redraws:
// - TERM=dumb or CODEX_REDUCED_MOTION=1: no cursor movement at all. Ink then renders in its debug
//   mode (whole frames, never erased) and this stream writes only the lines of each frame that the
//   previous frame did not have, escape sequences removed: plain lines appended as things happen,
//   so a screen reader reads each line once.
// - A locale that is not UTF-8 (LC_ALL/LC_CTYPE/LANG): every character outside ASCII is written as
//   one ASCII character of the same width (… . • * █ # ↑ ^ …), so the layout Ink measured holds.
// - Narrowing the window: most terminals (VTE, kitty, iTerm2, Windows Terminal, tmux) reflow the
//   lines already on screen, and parts of the frame Ink draws at once are still laid out for the
//   old width (what the screens size from useTerminalSize), so the last
//   frame takes more rows than Ink erases before it redraws, and copies of it stayed above the new
//   one. Each erase is made as tall as the last frame is on the terminal at its current width
//   (display width: a CJK character takes two columns, as string-width, which Ink uses, counts).
// - Ink clears the terminal, scrollback included (`ESC[2J ESC[3J ESC[H`), to redraw after a frame
//   as tall as the terminal. The screens keep their frames shorter than that, but should one ever
//   be as tall (a resize, a line counted short) the person's scrollback stays: the `ESC[3J` is dropped.
// - Otherwise a frame that replaces one still as Ink drew it is written as the lines that changed
//   (screens/frameDiff.ts): a keystroke in a field is one line, not the frame.
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';
import { frameUpdate } from './frameDiff.js';
import { asciiOnly, plainOutput } from '../components/theme.js';

export { plainOutput };

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

const ERASE_LINES = /^((?:\x1b\[2K\x1b\[1A)*\x1b\[2K\x1b\[G)/;
/** Cursor movement or showing the cursor inside a frame: not a plain frame of lines. */
const MOVES = /\x1b\[[\d;]*[ABCDEFGHJKSTf]|\x1b\[\?25h|\r/;
const eraseLines = (count: number) => `${'\x1b[2K\x1b[1A'.repeat(count - 1)}\x1b[2K\x1b[G`;

/**
 * Rewrites Ink's erase of the last frame so that it covers the rows that frame takes on the terminal
 * now: after the window narrowed, the terminal reflowed it, and the frame Ink draws at once on a
 * resize still has the old width, so its long lines wrap. Ink counts neither and left copies above.
 * When nothing reflowed and the erase covers exactly the last frame, only the changed lines are written.
 */
export function createReflowEraser(initialColumns: number, initialRows = Number.POSITIVE_INFINITY): { resized(columns: number, rows?: number): void; write(text: string): string } {
  let columns = initialColumns;
  let rows = initialRows;
  let frame: string[] = [];
  return {
    resized(now, nowRows) {
      columns = Math.max(1, now);
      if (nowRows !== undefined) rows = nowRows;
    },
    write(text) {
      const erase = ERASE_LINES.exec(text)?.[1];
      const body = erase ? text.slice(erase.length) : text;
      let out = text;
      if (erase) {
        const erased = erase.split('\x1b[2K').length - 1;
        const needed = frame.reduce((sum, line) => sum + Math.max(1, Math.ceil(stringWidth(stripVTControlCharacters(line).trimEnd()) / columns)), 0) + 1;
        const next = body.endsWith('\n') && !MOVES.test(body) ? body.split('\n').slice(0, -1) : null;
        if (needed > erased) out = eraseLines(needed) + body;
        // Every line of the last frame on one row (needed = erased), all of it on screen, a frame to follow.
        else if (next && erased === frame.length + 1 && frame.length > 0 && next.length > 0 && frame.length < rows) out = frameUpdate(frame, next);
      }
      // A frame is what Ink draws after its erase: text ending with a line break. After anything
      // else that replaced it (a frame as tall as the terminal, a cleared screen) what is on screen
      // is not known: no erase is enlarged and no line redrawn against it.
      if (body.endsWith('\n') && stripVTControlCharacters(body).trim() !== '') frame = body.split('\n').slice(0, -1);
      else if (erase || MOVES.test(body)) frame = [];
      return out;
    },
  };
}

/** Ink's clear-terminal sequence, and the same without erasing the scrollback. */
const CLEAR_TERMINAL = '\x1b[2J\x1b[3J\x1b[H';
const CLEAR_SCREEN = '\x1b[2J\x1b[H';
/** `text` with Ink's erase of the scrollback removed: a cleared screen only. */
export const keepScrollback = (text: string): string => (text.includes(CLEAR_TERMINAL) ? text.split(CLEAR_TERMINAL).join(CLEAR_SCREEN) : text);

export interface TerminalOutput {
  stdout: NodeJS.WriteStream;
  /** Ink must not redraw in place (its debug mode: whole frames, this stream keeps the new lines). */
  plain: boolean;
}

export function terminalOutput(stdout: NodeJS.WriteStream, env: NodeJS.ProcessEnv): TerminalOutput {
  const plain = plainOutput(env);
  const ascii = asciiOnly(env);
  const reflow = !plain && stdout.isTTY === true ? createReflowEraser(stdout.columns ?? 80, stdout.rows ?? 24) : null;
  if (!plain && !ascii && !reflow) return { stdout, plain };
  const append = plain ? createLineAppender() : null;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    let text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    if (append) text = append(text);
    // The size now, whichever resize listener ran first (Ink erases the last frame in its own).
    if (reflow) reflow.resized(stdout.columns ?? 80, stdout.rows ?? 24);
    if (!plain) text = keepScrollback(text);
    if (reflow) text = reflow.write(text);
    if (ascii) text = toAscii(text);
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (text === '') {
      callback?.();
      return true;
    }
    return stdout.write(text, callback);
  };
  const bound = new Map<PropertyKey, { of: unknown; fn: unknown }>();
  const proxy = new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      // The stream's own methods, bound to it once (Ink reads some on every frame).
      const known = bound.get(property);
      if (known?.of === value) return known.fn;
      const fn = (value as (...args: unknown[]) => unknown).bind(target);
      bound.set(property, { of: value, fn });
      return fn;
    },
  });
  return { stdout: proxy, plain };
}
