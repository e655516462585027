// Rendering Ink in tests: ink-testing-library inside act(), a terminal size of our choosing,
// real key sequences, and waiting for frame content instead of sleeping. Works with fake timers
// (each wait step advances them a little).
import { act, createElement, type ReactElement } from 'react';
import { cleanup, render } from 'ink-testing-library';
import { vi } from 'vitest';
import { ServicesProvider, type AppServices } from '../../components/services.js';
import { App } from '../../screens/App.js';

import { KEYS, stripAnsi } from './keys.js';

export { KEYS, stripAnsi };

const tick = async (): Promise<void> => {
  await act(async () => {
    if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(10);
    else await new Promise((resolve) => setTimeout(resolve, 5));
  });
};

export interface InkHarness {
  /** The last frame, ANSI removed. */
  frame(): string;
  /** Everything written to stdout so far, raw (escape sequences included). */
  raw(): string;
  /** The first frame the app drew, ANSI removed. */
  firstFrame(): string;
  /** Every frame drawn so far, ANSI removed. */
  frames(): string[];
  press(...keys: string[]): Promise<void>;
  /** Writes keys back to back in one act, with no render in between: a fast typist, a slow machine. */
  burst(...keys: string[]): Promise<void>;
  waitFor(expected: string | RegExp | ((frame: string) => boolean), options?: { timeoutMs?: number; raw?: boolean }): Promise<string>;
  resize(columns: number, rows: number): Promise<void>;
  /** True while the app reads keys (raw mode on); false once it exited and restored the terminal. */
  listening(): boolean;
  unmount(): void;
}

export async function renderInk(tree: ReactElement, size: { columns?: number; rows?: number } = {}): Promise<InkHarness> {
  let instance!: ReturnType<typeof render>;
  const stdout = { columns: size.columns ?? 100, rows: size.rows ?? 40 };
  await act(async () => {
    instance = render(tree);
  });
  const setSize = async (columns: number, rows: number) => {
    stdout.columns = columns;
    stdout.rows = rows;
    Object.defineProperty(instance.stdout, 'columns', { configurable: true, get: () => stdout.columns });
    Object.defineProperty(instance.stdout, 'rows', { configurable: true, get: () => stdout.rows });
    await act(async () => {
      instance.stdout.emit('resize');
    });
  };
  if (size.columns !== undefined || size.rows !== undefined) await setSize(stdout.columns, stdout.rows);

  const frame = () => stripAnsi(instance.lastFrame() ?? '');
  const raw = () => instance.frames.join('');
  return {
    frame,
    raw,
    firstFrame: () => stripAnsi(instance.frames[0] ?? ''),
    frames: () => instance.frames.map(stripAnsi),
    async press(...keys) {
      for (const key of keys) {
        await act(async () => {
          instance.stdin.write(key);
        });
        await tick(); // a lone ESC is held back one tick by Ink's input parser
      }
    },
    async burst(...keys) {
      await act(async () => {
        for (const key of keys) instance.stdin.write(key);
      });
      await tick();
    },
    async waitFor(expected, options = {}) {
      const matches = (text: string) =>
        typeof expected === 'string' ? text.includes(expected) : expected instanceof RegExp ? expected.test(text) : expected(text);
      const read = () => (options.raw ? raw() : frame());
      // Fake timers: 3 s of fake time, 10 ms a tick. Real timers: a wall-clock bound on a hang, generous
      // because a loaded machine can take seconds to answer a loopback request.
      if (vi.isFakeTimers()) {
        for (let i = 0; i < Math.ceil((options.timeoutMs ?? 3000) / 10); i++) {
          if (matches(read())) return read();
          await tick();
        }
      } else {
        const deadline = Date.now() + (options.timeoutMs ?? 15_000);
        while (Date.now() < deadline) {
          if (matches(read())) return read();
          await tick();
        }
      }
      if (matches(read())) return read();
      throw new Error(`Timed out waiting for ${String(expected)}. Last frame:\n${frame()}`);
    },
    resize: setSize,
    listening: () => instance.stdin.listenerCount('readable') > 0,
    unmount() {
      act(() => instance.unmount());
    },
  };
}

/** Runs test-side changes (settling a fake attempt, setting a snapshot, moving fake time) inside act(). */
export async function inAct(fn: () => unknown): Promise<void> {
  await act(async () => {
    await fn();
    // Let promise chains started by fn (attempt.then → setState) finish inside this act().
    if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(0);
    else await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** Advances fake timers inside act(). */
export const advance = (ms: number): Promise<void> => inAct(() => vi.advanceTimersByTimeAsync(ms));

/** Unmounts everything rendered in this test (use in afterEach). */
export function cleanupInk(): void {
  act(() => cleanup());
}

/** The whole interactive app (or `tree`) inside a ServicesProvider, as screens/run.tsx renders it. */
export function renderApp(services: AppServices, size?: { columns?: number; rows?: number }, tree: ReactElement = createElement(App)): Promise<InkHarness> {
  return renderInk(createElement(ServicesProvider, { services, children: tree }), size);
}
