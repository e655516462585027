// Builds the CredentialStore for a storage mode. The keyring and auto modes are layered on
// FileAuthStorage; the ephemeral mode keeps credentials in a map owned by the caller (per process).
import type { AuthDotJson } from './authSchema.js';
import type { CredentialStore, RemovedItem, SaveOutcome, StoreMode, StoreTransaction, StoredAuth } from './credentialStore.js';
import { FileAuthStorage, ensurePrivateDir } from './fileAuthStorage.js';
import { withAuthLock, type LockOptions } from './fileLock.js';

export interface CredentialStoreOptions {
  codexHome: string;
  mode: StoreMode;
  /** Backing map for the ephemeral mode; share one map per process. */
  ephemeral?: Map<string, AuthDotJson>;
  lock?: LockOptions;
}

const EPHEMERAL_LOCATION = 'memory (this process only)';

export function createCredentialStore(options: CredentialStoreOptions): CredentialStore {
  const file = new FileAuthStorage(options.codexHome);
  const ephemeral = options.ephemeral ?? new Map<string, AuthDotJson>();
  const key = options.codexHome;
  const warnings: string[] = [];

  const load = async (): Promise<StoredAuth | null> => {
    if (options.mode === 'ephemeral') {
      const auth = ephemeral.get(key);
      return auth ? { auth, backend: 'ephemeral', location: EPHEMERAL_LOCATION } : null;
    }
    const auth = await file.load();
    return auth ? { auth, backend: 'file', location: file.path } : null;
  };

  const tx: StoreTransaction = {
    load,
    async save(auth): Promise<SaveOutcome> {
      if (options.mode === 'ephemeral') {
        ephemeral.set(key, auth);
        return { backend: 'ephemeral', location: EPHEMERAL_LOCATION };
      }
      await file.save(auth);
      return { backend: 'file', location: file.path };
    },
    async remove(): Promise<RemovedItem[]> {
      const removed: RemovedItem[] = [];
      if (ephemeral.delete(key)) removed.push({ backend: 'ephemeral', location: EPHEMERAL_LOCATION });
      if (options.mode !== 'ephemeral' && (await file.delete())) removed.push({ backend: 'file', location: file.path });
      return removed;
    },
  };

  return {
    mode: options.mode,
    codexHome: options.codexHome,
    warnings,
    load,
    async transaction(fn) {
      if (options.mode === 'ephemeral') return fn(tx);
      await ensurePrivateDir(options.codexHome);
      return withAuthLock(options.codexHome, () => fn(tx), options.lock);
    },
  };
}
