// THE input layer. Every chunk Ink reads from the terminal goes through one key reader
// (components/input/keys.ts) and its keys are delivered one by one, in order, to the screen on
// top, which reads and writes its state through refs (useKeyState), never a render-old copy.
// - A screen change (flow.go/back…) holds the keys that follow until the next screen is on, so
//   `3` + a key + Enter typed ahead on the picker lands on the API key screen.
// - React updates made while a chunk is delivered are applied once, after the chunk.
// - Quit (Ctrl+C, Ctrl+D) is answered here, for every screen, even while a screen change holds keys.
// Why not Ink's useInput: it hands a handler the state of the last render and passes text that
// arrives in one read as one string (`3\r`, `/help\r`), so such keys were lost or misapplied.
import { createContext, useContext, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useStdin, useStdout } from 'ink';
import { actionOf } from './keymap.js';
import { createKeyReader, type Key } from './keys.js';

export type KeyHandler = (key: Key) => void;

/** How long a bracketed paste may wait for its end marker before it is delivered as it is. */
const PASTE_STALL_MS = 1000;

export class Keyboard {
  private readonly reader = createKeyReader();
  private readonly queue: Key[] = [];
  private readonly handlers: { current: KeyHandler }[] = [];
  private readonly deferred = new Map<unknown, () => void>();
  private held = false;
  private draining = false;
  private pasteTimer: NodeJS.Timeout | undefined;

  constructor(private readonly onQuit: () => void) {}

  /** One chunk as Ink read it (its own parser already joined escape sequences split across reads). */
  receive(chunk: string): void {
    clearTimeout(this.pasteTimer);
    this.enqueue([...this.reader.push(chunk), ...this.reader.flush()]);
    if (this.reader.pasting) {
      this.pasteTimer = setTimeout(() => this.enqueue(this.reader.endPaste()), PASTE_STALL_MS);
      this.pasteTimer.unref?.();
    }
  }

  /** Keys as if read from the terminal (tests). */
  enqueue(keys: Key[]): void {
    this.queue.push(...keys);
    this.drain();
  }

  /** The top screen's handler; returns the detach. */
  attach(handler: { current: KeyHandler }): () => void {
    this.handlers.push(handler);
    return () => {
      const at = this.handlers.lastIndexOf(handler);
      if (at >= 0) this.handlers.splice(at, 1);
    };
  }

  /** A screen change is under way: keys wait for the next screen. */
  hold(): void {
    this.held = true;
  }

  /** The next screen is on: it gets the keys that waited. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    this.drain();
  }

  /** Runs `apply` after the keys being delivered (once per `id`), or now when none are. */
  defer(id: unknown, apply: () => void): void {
    if (this.draining) this.deferred.set(id, apply);
    else apply();
  }

  dispose(): void {
    clearTimeout(this.pasteTimer);
    this.queue.length = 0;
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const quitAt = this.queue.findIndex((key) => actionOf(key) === 'quit');
        if (this.held) {
          if (quitAt >= 0) this.quit();
          break;
        }
        const key = this.queue.shift()!;
        if (actionOf(key) === 'quit') {
          this.quit();
          break;
        }
        this.handlers.at(-1)?.current(key);
      }
    } finally {
      this.draining = false;
      const updates = [...this.deferred.values()];
      this.deferred.clear();
      for (const apply of updates) apply();
    }
  }

  private quit(): void {
    this.queue.length = 0;
    this.onQuit();
  }
}

const KeyboardContext = createContext<Keyboard | null>(null);

const PASTE_ON = '\x1b[?2004h';
const PASTE_OFF = '\x1b[?2004l';

/**
 * Reads the terminal for everything inside it; `keyboard` is owned by the caller (App). Bracketed
 * paste is switched on in a real terminal (not TERM=dumb), so that a paste arrives marked as one,
 * and off again when codex leaves, however it leaves.
 */
export function KeyboardProvider({ keyboard, children }: { keyboard: Keyboard; children: ReactNode }) {
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();
  const { stdout } = useStdout();
  // A layout effect: raw mode is on in the same tick as the first frame is written, so a Ctrl+C
  // typed the moment the screen appears is a key, not a SIGINT from a terminal still in cooked mode.
  useLayoutEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    const onInput = (chunk: string) => keyboard.receive(chunk);
    events.on('input', onInput);
    const marksPastes = stdout.isTTY === true && process.env.TERM !== 'dumb';
    const pasteOff = () => stdout.write(PASTE_OFF);
    if (marksPastes) {
      stdout.write(PASTE_ON);
      process.once('exit', pasteOff);
    }
    return () => {
      events.off('input', onInput);
      keyboard.dispose();
      setRawMode(false);
      if (marksPastes) {
        process.off('exit', pasteOff);
        pasteOff();
      }
    };
  }, [events, setRawMode, isRawModeSupported, keyboard, stdout]);
  return <KeyboardContext.Provider value={keyboard}>{children}</KeyboardContext.Provider>;
}

export const useKeyboard = (): Keyboard | null => useContext(KeyboardContext);

/**
 * The screen's key handler. It is called for each key in order, possibly several times before
 * React renders again: read state through useKeyState's ref, never through render-time values
 * that a key before it may have changed.
 */
export function useKeys(handler: KeyHandler, active = true): void {
  const keyboard = useKeyboard();
  const ref = useRef(handler);
  useLayoutEffect(() => {
    ref.current = handler;
  });
  useLayoutEffect(() => (active && keyboard ? keyboard.attach(ref) : undefined), [keyboard, active]);
}

/**
 * useState plus a ref that always holds the newest value: key handlers read `.current`. While
 * keys are being delivered the render waits until the whole chunk is applied.
 */
export function useKeyState<T>(initial: T | (() => T)): [T, (next: T | ((previous: T) => T)) => void, { readonly current: T }] {
  const keyboard = useKeyboard();
  const [value, setValue] = useState(initial);
  const latest = useRef(value);
  const [set] = useState(() => (next: T | ((previous: T) => T)) => {
    latest.current = typeof next === 'function' ? (next as (previous: T) => T)(latest.current) : next;
    const apply = () => setValue(latest.current);
    if (keyboardRef.current) keyboardRef.current.defer(set, apply);
    else apply();
  });
  const keyboardRef = useRef(keyboard);
  keyboardRef.current = keyboard;
  return [value, set, latest];
}
