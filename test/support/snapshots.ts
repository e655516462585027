// Narrowing for tests that read a real AuthManager's snapshot: fails the test when it is not signed in.
import type { AuthSnapshot, SignedInSnapshot } from '../../src/auth/types.js';

export function signedIn(snapshot: AuthSnapshot): SignedInSnapshot {
  if (snapshot.status !== 'signedIn') throw new Error(`expected a signed-in snapshot, got status "${snapshot.status}"`);
  return snapshot;
}
