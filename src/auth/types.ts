// The AuthManager's public contract: what screens see (a snapshot) and what they can ask for.
// Plain data only, so React reads it through useSyncExternalStore and nothing else.
import type { PlanType } from './plan.js';

export type SignInMethod = 'apikey' | 'chatgpt' | 'chatgptAuthTokens' | 'agentIdentity' | 'personalAccessToken';

export interface ApiKeyIdentity {
  method: 'apikey';
  /** `sk-proj-***ABCDE`: never the key itself. */
  maskedKey: string;
}

export interface ChatgptIdentity {
  method: 'chatgpt' | 'chatgptAuthTokens';
  email: string | null;
  plan: PlanType;
  accountId: string | null;
  userId: string | null;
  /** Epoch ms of the access token's exp, when it is a JWT. */
  accessTokenExpiresAt: number | null;
  /** RFC 3339 of last_refresh, when stored. */
  lastRefresh: string | null;
  /** Masked API key obtained by the browser flow's token exchange, if any. */
  maskedApiKey: string | null;
}

export interface OtherIdentity {
  method: 'agentIdentity' | 'personalAccessToken';
}

export type Identity = ApiKeyIdentity | ChatgptIdentity | OtherIdentity;

export type NoticeKind =
  /** Permanent refresh failure: stays until the person signs in again or logs out. */
  | 'refresh-permanent'
  /** Transient refresh failure: will retry; `retryAt` says when. */
  | 'refresh-transient'
  /** Another process switched or removed the account: this session keeps its own until restart. */
  | 'signed-in-elsewhere'
  /** Another process refreshed the tokens and we adopted them. */
  | 'adopted-refresh'
  /** Warnings such as a keyring fallback. */
  | 'warning';

export interface Notice {
  id: number;
  kind: NoticeKind;
  level: 'error' | 'warning' | 'info';
  message: string;
  /** What to do about it, e.g. "Type /login to sign in again." */
  action?: string;
  /** Epoch ms of the next automatic retry, for transient failures. */
  retryAt?: number;
  /** Permanent notices cannot be dismissed with Esc. */
  sticky: boolean;
}

export interface AuthSnapshot {
  /** 'loading' until the first load finished. */
  status: 'loading' | 'signedOut' | 'signedIn';
  identity: Identity | null;
  /** Where the credential in use lives: a file path, `keyring (…)`, or `memory (this process only)`. */
  storedAt: string | null;
  storeMode: 'file' | 'keyring' | 'auto' | 'ephemeral';
  /** A malformed or unreadable auth.json, reported (never overwritten). */
  loadError: string | null;
  /** Set when the stored credential now belongs to another account than the one this process uses. */
  diskAccountChanged: { email: string | null; accountId: string | null } | null;
  /** The permanent refresh failure remembered for the current credentials, if any. */
  refreshFailure: { reason: 'expired' | 'exhausted' | 'revoked' | 'other'; message: string } | null;
  notices: readonly Notice[];
  /** Increments on every change. */
  version: number;
}

export interface LogoutResult {
  removed: { backend: string; location: string }[];
  /** Set when the best-effort revoke failed; credentials were removed locally anyway. */
  revokeError: string | null;
  revoked: boolean;
}
