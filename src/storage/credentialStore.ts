// The credential store: one API over the storage modes of §2 (file, keyring, auto, ephemeral).
// Every write happens under the cross-process auth lock; reads never modify anything.
import type { AuthDotJson } from './authSchema.js';

export type StoreMode = 'file' | 'keyring' | 'auto' | 'ephemeral';

/** Where a loaded credential came from, for /status and `login status`. */
export interface StoredAuth {
  auth: AuthDotJson;
  /** 'file' | 'keyring' | 'ephemeral', or 'environment' for CODEX_ACCESS_TOKEN (read only, never saved). */
  backend: 'file' | 'keyring' | 'ephemeral' | 'environment';
  /** Human description: the file path, `keyring (Codex Auth / cli|…)`, or `memory (this process only)`. */
  location: string;
}

export interface RemovedItem {
  backend: 'file' | 'keyring' | 'ephemeral';
  location: string;
}

/** What the store did with a write; `warning` is shown to the person (e.g. auto fell back to the file). */
export interface SaveOutcome {
  backend: 'file' | 'keyring' | 'ephemeral';
  location: string;
  warning?: string;
}

/** Operations available while the auth lock is held. */
export interface StoreTransaction {
  load(): Promise<StoredAuth | null>;
  save(auth: AuthDotJson): Promise<SaveOutcome>;
  /** Removes the credential from every backend of this store; returns what existed. */
  remove(): Promise<RemovedItem[]>;
}

export interface CredentialStore {
  readonly mode: StoreMode;
  readonly codexHome: string;
  /** Reads without locking (atomic writes make a lock-free read safe). */
  load(): Promise<StoredAuth | null>;
  /** Runs `fn` holding the cross-process auth lock (flock on auth.lock + auth.json.lock). */
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /** Warnings produced so far (e.g. keyring unavailable, fell back to file). */
  readonly warnings: readonly string[];
}
