// Builds the CredentialStore for a storage mode (§2):
//   file      CODEX_HOME/auth.json (default)
//   keyring   the OS keyring only; its errors reach the caller
//   auto      the keyring, falling back to the file with a visible warning
//   ephemeral this process's memory only
// Logout removes the credential from every place it could be: ephemeral map, keyring and file.
import { accessTokenRecord } from '../auth/accessTokenRecord.js';
import { type AuthDotJson, parseAuth, serializeAuth, unknownMode } from './authSchema.js';
import type { CredentialStore, RemovedItem, SaveOutcome, StoreMode, StoreTransaction, StoredAuth } from './credentialStore.js';
import { FileAuthStorage, ensurePrivateDir } from './fileAuthStorage.js';
import { withAuthLock, type LockOptions } from './fileLock.js';
import type { KeyringBackend } from './keyringStorage.js';

export interface CredentialStoreOptions {
  codexHome: string;
  mode: StoreMode;
  /** Backing map for the ephemeral mode; defaults to one map shared by the whole process. */
  ephemeral?: Map<string, AuthDotJson>;
  /** The keyring to use in keyring/auto modes; defaults to the OS keyring (tests inject fakes). */
  keyring?: KeyringBackend;
  /** Bound on every OS keyring call (default 3 s). */
  keyringTimeoutMs?: number;
  /** Environment of the keyring helper process (it needs DBUS_SESSION_BUS_ADDRESS on Linux). */
  env?: NodeJS.ProcessEnv;
  lock?: LockOptions;
  /**
   * CODEX_ACCESS_TOKEN: an access token (`at-…`, else an Agent Identity JWT) used ahead of what is
   * stored, below the ephemeral store (§11.2). Read only: saves and logout never touch the variable.
   */
  accessToken?: string | null;
}

export class CredentialStoreError extends Error {}

const EPHEMERAL_LOCATION = 'memory (this process only)';
const processEphemeral = new Map<string, AuthDotJson>();
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The OS keyring, its module (crypto, child_process) loaded on first use so file mode never pays for it. */
function lazyOsKeyring(options: CredentialStoreOptions): KeyringBackend {
  let ring: Promise<KeyringBackend> | null = null;
  let location = 'keyring (Codex Auth)';
  const get = () =>
    (ring ??= import('./keyringStorage.js').then(({ createOsKeyring }) => {
      const made = createOsKeyring(options.codexHome, { timeoutMs: options.keyringTimeoutMs, env: options.env });
      location = made.location;
      return made;
    }));
  return {
    get location() {
      return location;
    },
    get: async () => (await get()).get(),
    set: async (value) => (await get()).set(value),
    delete: async () => (await get()).delete(),
  };
}

export function createCredentialStore(options: CredentialStoreOptions): CredentialStore {
  const { codexHome, mode } = options;
  const file = new FileAuthStorage(codexHome);
  const ephemeral = options.ephemeral ?? processEphemeral;
  const keyring = mode === 'keyring' || mode === 'auto' ? (options.keyring ?? lazyOsKeyring(options)) : null;
  const warnings: string[] = [];
  let recent: string[] = []; // warnings of the save in progress, for SaveOutcome.warning
  const warn = (message: string) => {
    if (!warnings.includes(message)) warnings.push(message);
    recent.push(message);
  };

  const loadFile = async (): Promise<StoredAuth | null> => {
    for (const warning of file.permissionWarnings()) warn(warning);
    const auth = await file.load();
    return auth ? { auth, backend: 'file', location: file.path } : null;
  };

  const loadKeyring = async (ring: KeyringBackend): Promise<StoredAuth | null> => {
    let value: string | null;
    try {
      value = await ring.get();
    } catch (error) {
      throw new CredentialStoreError(`failed to load CLI auth from keyring: ${messageOf(error)}`);
    }
    if (value === null) return null;
    return { auth: parseAuth(value, ring.location), backend: 'keyring', location: ring.location };
  };

  const fromEnvironment: StoredAuth | null = options.accessToken
    ? { auth: accessTokenRecord(options.accessToken), backend: 'environment', location: 'the CODEX_ACCESS_TOKEN environment variable' }
    : null;

  const load = async (): Promise<StoredAuth | null> => {
    if (mode === 'ephemeral') {
      const auth = ephemeral.get(codexHome);
      return auth ? { auth, backend: 'ephemeral', location: EPHEMERAL_LOCATION } : fromEnvironment;
    }
    if (fromEnvironment) return fromEnvironment;
    if (!keyring) return loadFile();
    if (mode === 'keyring') return loadKeyring(keyring);
    try {
      const stored = await loadKeyring(keyring);
      if (stored) return stored;
    } catch (error) {
      if (!(error instanceof CredentialStoreError)) throw error; // a corrupt keyring value is not "unavailable"
      warn(`failed to load CLI auth from keyring, falling back to file storage: ${messageOf(error).replace(/^failed to load CLI auth from keyring: /, '')}`);
    }
    return loadFile();
  };

  /** Writes the file; a malformed file there is set aside first, never overwritten. */
  const saveFile = async (auth: AuthDotJson): Promise<SaveOutcome> => {
    if (!(await setAsideMalformed())) {
      // A sign-in kind from a newer release is not corrupt, so it is not set aside: but say it is replaced.
      const mode = unknownMode((await file.load().catch(() => null)) ?? {});
      if (mode) warn(`${file.path} held a "${mode}" sign-in, which this codex does not use; the new sign-in replaced it`);
    }
    await file.save(auth);
    return { backend: 'file', location: file.path };
  };

  const setAsideMalformed = async (): Promise<boolean> => {
    const aside = await file.setAsideIfMalformed();
    if (aside) warn(`${file.path} was not a valid Codex auth file; it was kept as ${aside}`);
    return aside !== null;
  };

  const saveKeyring = async (ring: KeyringBackend, auth: AuthDotJson): Promise<SaveOutcome> => {
    await ring.set(serializeAuth(auth, false));
    // The keyring now holds the credential: a stale fallback file must not shadow it later.
    try {
      await setAsideMalformed();
      await file.delete();
    } catch (error) {
      warn(`failed to remove CLI auth fallback file: ${messageOf(error)}`);
    }
    return { backend: 'keyring', location: ring.location };
  };

  const save = async (auth: AuthDotJson): Promise<SaveOutcome> => {
    recent = [];
    let outcome: SaveOutcome;
    if (mode === 'ephemeral') {
      ephemeral.set(codexHome, auth);
      outcome = { backend: 'ephemeral', location: EPHEMERAL_LOCATION };
    } else if (!keyring) {
      outcome = await saveFile(auth);
    } else if (mode === 'keyring') {
      try {
        outcome = await saveKeyring(keyring, auth);
      } catch (error) {
        throw new CredentialStoreError(`failed to write OAuth tokens to keyring: ${messageOf(error)}`);
      }
    } else {
      try {
        outcome = await saveKeyring(keyring, auth);
      } catch (error) {
        warn(`failed to save auth to keyring, falling back to file storage: ${messageOf(error)}`);
        outcome = await saveFile(auth);
      }
    }
    return recent.length ? { ...outcome, warning: recent.join('\n') } : outcome;
  };

  const remove = async (): Promise<RemovedItem[]> => {
    const removed: RemovedItem[] = [];
    if (ephemeral.delete(codexHome)) removed.push({ backend: 'ephemeral', location: EPHEMERAL_LOCATION });
    if (mode === 'ephemeral') return removed;
    let keyringFailure: string | null = null;
    if (keyring) {
      try {
        if (await keyring.delete()) removed.push({ backend: 'keyring', location: keyring.location });
      } catch (error) {
        keyringFailure = `failed to delete auth from keyring: ${messageOf(error)}`;
      }
    }
    // The file goes even when the keyring failed: logout must not leave a usable copy behind.
    const setAside = await setAsideMalformed();
    if ((await file.delete()) || setAside) removed.push({ backend: 'file', location: file.path });
    if (keyringFailure && mode === 'keyring') throw new CredentialStoreError(keyringFailure);
    if (keyringFailure) warn(keyringFailure);
    return removed;
  };

  const tx: StoreTransaction = { load, save, remove };

  return {
    mode,
    codexHome,
    warnings,
    load,
    async transaction(fn) {
      if (mode === 'ephemeral') return fn(tx);
      await ensurePrivateDir(codexHome);
      return withAuthLock(codexHome, () => fn(tx), options.lock);
    },
  };
}
