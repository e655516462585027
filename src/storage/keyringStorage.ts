// The OS keyring backend (§2): service "Codex Auth", account "cli|<16 hex of SHA-256(CODEX_HOME)>",
// value = the auth.json object as compact JSON. Every call is bounded by a timeout, because a locked
// or hung Secret Service / Keychain would otherwise block codex forever.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { keyringHost } from './keyringHost.js';

export { KeyringError } from './keyringHost.js';

export const KEYRING_SERVICE = 'Codex Auth';
export const DEFAULT_KEYRING_TIMEOUT_MS = 3_000;

/** The raw secret store; tests inject fakes, production uses the OS keyring. */
export interface KeyringBackend {
  /** The stored value, or null when there is no entry. */
  get(): Promise<string | null>;
  set(value: string): Promise<void>;
  /** True when an entry existed and was deleted. */
  delete(): Promise<boolean>;
  /** Human description, e.g. `keyring (Codex Auth / cli|940db7b1d0e4eb40)`. */
  readonly location: string;
}

/** `cli|` + the first 16 hex chars of SHA-256 of the canonical CODEX_HOME (the raw path when it cannot be resolved). */
export function keyringAccount(codexHome: string): string {
  let canonical = codexHome;
  try {
    canonical = realpathSync(codexHome);
  } catch {
    // Hash the path as given, like the real CLI does when canonicalisation fails.
  }
  return `cli|${createHash('sha256').update(canonical).digest('hex').slice(0, 16)}`;
}

export const keyringLocation = (account: string) => `keyring (${KEYRING_SERVICE} / ${account})`;

/**
 * The OS keyring through @napi-rs/keyring, run in a small helper process. Why not in-process: on
 * Linux the binding connects to D-Bus synchronously, so a bus or Secret Service that accepts the
 * connection and never answers would freeze codex (no timer can fire), and a stuck native thread even
 * blocks process.exit. A child can always be killed. It is started on first use and then reused.
 */
export function createOsKeyring(
  codexHome: string,
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): KeyringBackend {
  const account = keyringAccount(codexHome);
  const timeoutMs = options.timeoutMs ?? DEFAULT_KEYRING_TIMEOUT_MS;
  const host = keyringHost(options.env);
  const call = (op: 'get' | 'set' | 'delete', value?: string) =>
    host.call({ op, service: KEYRING_SERVICE, account, ...(value === undefined ? {} : { value }) }, timeoutMs);
  return {
    location: keyringLocation(account),
    get: async () => (await call('get')) as string | null,
    set: async (value) => void (await call('set', value)),
    delete: async () => Boolean(await call('delete')),
  };
}
