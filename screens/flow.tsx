// Where each screen can go next. App owns the route and provides these actions; screens call
// them instead of knowing about one another. The accessor throws outside the provider.
import { createContext, useContext, useLayoutEffect } from 'react';
import type { LoginSuccess } from '../src/oauth/types.js';

export type ReportLine = { tone: 'success' | 'info' | 'warning' | 'error'; text: string };

export type Route =
  | { name: 'home'; info?: ReportLine[] }
  | { name: 'picker'; error?: string; report?: ReportLine[] }
  | { name: 'browser' }
  | { name: 'device' }
  | { name: 'apikey' }
  | { name: 'portBusy'; port: number; message: string }
  | { name: 'deviceNotEnabled'; message: string };

export type SignInHow = 'browser' | 'device' | 'apikey' | 'apikey-unverified';

export interface FlowActions {
  go(route: Route): void;
  /** A sign-in finished and saved credentials: continue to home with a success line. */
  succeeded(success: LoginSuccess, how: SignInHow): void;
  /** A sign-in step failed: maps LoginError codes to their screens, else back to the picker with the message. */
  failed(error: unknown): void;
  /** Back to the picker (or home, when the picker was opened from home). */
  back(): void;
  quit(code?: number): void;
  /**
   * What the last frame says if codex is left from this screen (q, Ctrl+C, SIGTERM): `Sign-in
   * cancelled; the code … no longer works`, not a frame that still says it waits. Null: the screen as it is.
   */
  setFarewell(text: string | null): void;
}

const FlowContext = createContext<FlowActions | null>(null);
export const FlowProvider = FlowContext.Provider;

/** The screen's farewell while it is on (see FlowActions.setFarewell). */
export function useFarewell(text: string | null): void {
  const flow = useFlow();
  // A layout effect runs in the commit that draws the frame, before any key is read: with a
  // passive effect a key pressed right after the code appeared (a busy machine delays those
  // effects) still found the previous farewell, "Sign-in cancelled." without the code.
  useLayoutEffect(() => {
    flow.setFarewell(text);
    return () => flow.setFarewell(null);
  }, [flow, text]);
}

export function useFlow(): FlowActions {
  const flow = useContext(FlowContext);
  if (!flow) throw new Error('useFlow() was called outside <FlowProvider>.');
  return flow;
}
