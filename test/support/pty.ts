// Runs the real `bin/codex` in a real pseudo-terminal (node-pty): collects the raw output, replays
// it into a virtual screen, waits for text, types keys, and always kills what it started.
import { spawn as spawnPty, type IPty } from 'node-pty';
import { VirtualTerminal } from '../e2e/harness/virtualTerminal.js';

import { KEYS, stripAnsi } from './keys.js';

export { KEYS, stripAnsi };
/** Whitespace (including the line breaks of wrapping) collapsed to single spaces. */
export const flatten = (text: string): string => text.replace(/\s+/g, ' ').trim();

export interface PtyOptions {
  env: Record<string, string>;
  cols?: number;
  rows?: number;
  cwd?: string;
}

export interface PtyExit {
  exitCode: number;
  signal: number | undefined;
}

/** Text on screen, a pattern, or a test of the whole screen (e.g. that it changed). */
type Pattern = string | RegExp | ((text: string) => boolean);
const matches = (text: string, pattern: Pattern) =>
  typeof pattern === 'string' ? text.includes(pattern) : typeof pattern === 'function' ? pattern(text) : pattern.test(text);

export class PtySession {
  readonly term: VirtualTerminal;
  readonly exited: Promise<PtyExit>;
  private readonly pty: IPty;
  private output = '';
  private exitInfo: PtyExit | null = null;

  constructor(file: string, args: string[], options: PtyOptions) {
    const cols = options.cols ?? 100;
    const rows = options.rows ?? 30;
    this.term = new VirtualTerminal(cols, rows);
    // node-pty sets TERM from `name`: a test that asks for another TERM (dumb) gets it.
    this.pty = spawnPty(file, args, { name: options.env.TERM ?? 'xterm-256color', cols, rows, cwd: options.cwd ?? process.cwd(), env: options.env });
    this.pty.onData((data) => {
      this.output += data;
      this.term.write(data);
    });
    this.exited = new Promise((resolve) => {
      this.pty.onExit(({ exitCode, signal }) => {
        this.term.endSynchronizedUpdate(); // a frame the program died drawing shows as far as it got
        this.exitInfo = { exitCode, signal };
        resolve(this.exitInfo);
      });
    });
  }

  get pid(): number {
    return this.pty.pid;
  }

  /** Everything the program wrote, escape sequences included. */
  raw(): string {
    return this.output;
  }

  /** The visible screen. */
  screen(): string {
    return this.term.text();
  }

  /** Scrollback and screen: text printed above the frame that scrolled away is still here. */
  history(): string {
    return this.term.history();
  }

  write(data: string): void {
    if (!this.exitInfo) this.pty.write(data);
  }

  /** Resizes the window: the pseudo-terminal (SIGWINCH) and the screen, which reflows as most terminals do. */
  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
    if (!this.exitInfo) this.pty.resize(cols, rows);
  }

  /** A bracketed paste, as a terminal sends it. */
  paste(text: string): void {
    this.write(`\x1b[200~${text}\x1b[201~`);
  }

  /** Types text one key at a time, as a person does. */
  async type(text: string, delayMs = 20): Promise<void> {
    for (const char of text) {
      this.write(char);
      await sleep(delayMs);
    }
  }

  /**
   * Waits until the screen (or, with `where: 'history'`, the scrollback too) matches. The default
   * bound only catches a hang: a loaded CI machine can take seconds to start or redraw codex.
   */
  async waitFor(pattern: Pattern, options: { timeoutMs?: number; where?: 'screen' | 'history' | 'raw' } = {}): Promise<string> {
    const { timeoutMs = 30_000, where = 'screen' } = options;
    const read = () => (where === 'raw' ? stripAnsi(this.output) : where === 'history' ? this.history() : this.screen());
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = read();
      if (matches(text, pattern) || (typeof pattern !== 'function' && matches(flatten(text), pattern))) return text;
      if (this.exitInfo && !matches(read(), pattern)) {
        throw new Error(`codex exited (${this.exitInfo.exitCode}) before ${String(pattern)} appeared. Screen:\n${this.history()}`);
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(pattern)}. Screen:\n${this.history()}`);
      await sleep(25);
    }
  }

  /** Waits for the program to exit; kills it and fails after the timeout. */
  async waitForExit(timeoutMs = 30_000): Promise<PtyExit> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
    const result = await Promise.race([this.exited, late]).finally(() => clearTimeout(timer));
    if (result) return result;
    await this.kill();
    throw new Error(`codex did not exit within ${timeoutMs} ms. Screen:\n${this.history()}`);
  }

  /** SIGHUP as a closing terminal does, then SIGKILL if it lingers. */
  async kill(): Promise<void> {
    if (this.exitInfo) return;
    try {
      this.pty.kill('SIGHUP');
    } catch {
      // already gone
    }
    const gone = await Promise.race([this.exited.then(() => true), sleep(1_500).then(() => false)]);
    if (!gone) {
      try {
        process.kill(this.pty.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await Promise.race([this.exited, sleep(1_000)]);
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * How long a person takes between seeing their input on screen and pressing Enter. Pressing it
 * sooner can hit a window where the screen shows the text but the app's key handler still holds
 * the previous value (Ink re-subscribes useInput handlers in a passive effect); see the e2e report.
 */
export const REACTION_MS = 150;

export function spawnInPty(file: string, args: string[], options: PtyOptions): PtySession {
  return new PtySession(file, args, options);
}
