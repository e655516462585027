// Starts a browser or device sign-in when the screen mounts and cancels it when the screen goes
// away (Esc, switching method, quitting), unless it already finished. A late result of a
// cancelled attempt is ignored.
import { useEffect, useRef, useState } from 'react';
import type { LoginSuccess } from '../src/oauth/types.js';

interface Attempt {
  readonly done: Promise<LoginSuccess>;
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
        started.done.then(
          (success) => {
            settled = true;
            if (live) handlers.current.onSuccess(success);
          },
          (error: unknown) => {
            settled = true;
            if (live) handlers.current.onError(error);
          },
        );
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
