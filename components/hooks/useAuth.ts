// THE way screens read the AuthManager: its snapshot through useSyncExternalStore, so every
// change (another process refreshing, a notice, a sign-in) re-renders exactly once.
import { useSyncExternalStore } from 'react';
import type { AuthSnapshot } from '../../src/auth/types.js';
import { useServices, type AuthPort } from '../services.js';

export function useAuth(): { snapshot: AuthSnapshot; auth: AuthPort } {
  const { auth } = useServices();
  const snapshot = useSyncExternalStore(
    (listener) => auth.subscribe(listener),
    () => auth.snapshot(),
  );
  return { snapshot, auth };
}
