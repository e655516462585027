// Logout (§5.5, §6.1) and the clean-up after a re-login: revoke what the authority should forget,
// then remove every local copy. Revocation is best effort and never keeps credentials on disk.
import type { AuthDotJson } from '../storage/authSchema.js';
import type { CredentialStore } from '../storage/credentialStore.js';
import type { RefreshDeps } from './refresh.js';
import { revokeTarget, revokeToken, type RevokeTarget } from './revoke.js';
import type { LogoutResult } from './types.js';

/** Under the lock: revoke the stored and the cached tokens (when they differ), then remove every store. */
export async function logoutStores(store: CredentialStore, deps: RefreshDeps, cached: AuthDotJson | null): Promise<LogoutResult> {
  // Nothing in memory and no auth.json: nothing to revoke or remove, so no lock to take and no
  // CODEX_HOME to create. (Other modes always go through the store: a keyring is not a file.)
  if (!cached && store.mode === 'file' && (await store.load().catch(() => undefined)) === null) {
    return { removed: [], revokeError: null, revoked: false };
  }
  return store.transaction(async (tx) => {
    const stored = await tx.load().catch(() => null);
    const targets = new Map<string, RevokeTarget>();
    for (const auth of [stored?.auth, cached]) {
      const target = revokeTarget(auth);
      if (target) targets.set(target.token, target);
    }
    const results = await Promise.allSettled([...targets.values()].map((target) => revokeToken(deps, target)));
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
    const removed = await tx.remove();
    return {
      removed: removed.map((item) => ({ backend: item.backend, location: item.location })),
      revokeError: errors.length ? errors.join('; ') : null,
      revoked: targets.size > 0 && errors.length === 0,
    };
  });
}

/** After a new login: revoke the previous managed tokens when they were replaced (§3.7). Returns a warning. */
export async function revokeSuperseded(deps: RefreshDeps, previous: AuthDotJson | null, next: AuthDotJson): Promise<string | null> {
  const target = revokeTarget(previous);
  if (!target || target.token === revokeTarget(next)?.token) return null;
  try {
    await revokeToken(deps, target);
    return null;
  } catch (error) {
    return `failed to revoke superseded auth tokens after login: ${(error as Error).message}`;
  }
}
