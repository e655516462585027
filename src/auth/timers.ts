// Default clock and timers for the AuthManager; tests inject their own.
export interface AuthTimers {
  /** Calls `fn` every `ms` until the returned function is called. Must not keep the process alive. */
  every(ms: number, fn: () => void): () => void;
  /** An AbortSignal that fires after `ms`. */
  timeoutSignal(ms: number): AbortSignal;
}

export const defaultNow = (): number => Date.now();

export const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

export const defaultTimers: AuthTimers = {
  every(ms, fn) {
    const handle = setInterval(fn, ms);
    handle.unref?.();
    return () => clearInterval(handle);
  },
  timeoutSignal: (ms) => AbortSignal.timeout(ms),
};
