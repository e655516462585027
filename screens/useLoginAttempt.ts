// Starts a browser or device sign-in when the screen mounts and cancels it when the screen goes
// away (Esc, switching method, quitting), unless it already finished. A late result of a
// cancelled attempt is ignored. A browser sign-in counts as finished once the credentials are
// saved: the screen moves on then, and the callback server still serves the browser its success
// page on its own (it closes after that, or after its grace).
import { useEffect, useRef, useState } from 'react';
import type { LoginSuccess } from '../src/oauth/types.js';

interface Attempt {
  readonly done: Promise<LoginSuccess>;
  /** Resolves when the credentials are saved, before `done` (browser sign-in). */
  readonly saved?: Promise<LoginSuccess>;
  cancel(): void;
}

export function useLoginAttempt<A extends Attempt>(
  start: () => Promise<A>,
  onSuccess: (success: LoginSuccess) => void,
  onError: (error: unknown) => void,
): A | null {
  const [attempt, setAttempt] = useState<A | null>(null);
  const handlers = useRef({ onSuccess, onError, start });
  handlers.current = { onSuccess, onError, start };

  useEffect(() => {
    let live = true;
    let current: A | null = null;
    let settled = false;
    handlers.current.start().then(
      (started) => {
        current = started;
        if (!live) {
          started.cancel();
          return;
        }
        setAttempt(started);
        const succeeded = (success: LoginSuccess) => {
          if (settled) return;
          settled = true;
          if (live) handlers.current.onSuccess(success);
        };
        void started.saved?.then(succeeded);
        started.done.then(succeeded, (error: unknown) => {
          if (settled) return;
          settled = true;
          if (live) handlers.current.onError(error);
        });
      },
      (error: unknown) => {
        if (live) handlers.current.onError(error);
      },
    );
    return () => {
      live = false;
      if (current && !settled) current.cancel();
    };
  }, []);

  return attempt;
}
