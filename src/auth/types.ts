// The AuthManager's public contract: what screens see (a snapshot) and what they can ask for.
// Plain data only, so React reads it through useSyncExternalStore and nothing else.
import type { PlanType } from '../credential/plan.js';

/** What a ChatGPT sign-in (managed by codex, or tokens handed in by a parent app) tells about the account. */
export interface ChatgptDetails {
  email: string | null;
  plan: PlanType;
  accountId: string | null;
  userId: string | null;
  /** Epoch ms of the access token's exp, when it is a JWT with a usable exp. */
  accessTokenExpiresAt: number | null;
  /** RFC 3339 of last_refresh, when stored. */
  lastRefresh: string | null;
  /** Masked API key obtained by the browser flow's token exchange, if any. */
  maskedApiKey: string | null;
}

/**
 * Who is signed in, one variant per kind of sign-in the real Codex CLI writes. Every reader
 * switches over `kind` exhaustively (see src/auth/describe.ts), so a new kind does not compile
 * until each of them says what it means for it. Secrets appear masked only.
 */
export type Identity =
  | { kind: 'apiKey'; /** `sk-proj-***ABCDE` */ maskedKey: string }
  | ({ kind: 'chatgpt' } & ChatgptDetails)
  /** `chatgptAuthTokens`: ChatGPT tokens a parent app owns and refreshes. */
  | ({ kind: 'externalTokens' } & ChatgptDetails)
  /** `personalAccessToken`: an `at-…` token. */
  | { kind: 'accessToken'; maskedToken: string }
  /**
   * `agentIdentity`: an Agent Identity JWT and what its claims say (read unverified here; `codex login
   * status` verifies it); `accountId` is the workspace it names, null when it is not well formed.
   */
  | { kind: 'agentIdentity'; maskedToken: string; accountId: string | null; email: string | null; plan: PlanType; userId: string | null }
  /** `bedrockApiKey`: an Amazon Bedrock API key. */
  | { kind: 'bedrock'; region: string | null; maskedKey: string | null }
  /** An `auth_mode` a newer release writes: reported, never used or overwritten silently. */
  | { kind: 'unknown'; mode: string };

export type IdentityKind = Identity['kind'];

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

/** Stored credentials an admin's policy forbids (src/auth/credentialPolicy.ts): reported, never used. */
export interface NotAllowed {
  /** The real CLI's §11.3 words without "Logging out.", e.g. `API key login is required, but ChatGPT is currently being used.` */
  reason: string;
  identity: Identity;
  /** Where they are stored: a new sign-in replaces them there. */
  storedAt: string;
}

/** What every snapshot carries, signed in or not. */
interface SnapshotCommon {
  storeMode: 'file' | 'keyring' | 'auto' | 'ephemeral';
  /** A malformed or unreadable auth.json, reported (never overwritten). */
  loadError: string | null;
  /** Set while signed out because the stored credentials are forbidden by forced_login_method / forced_chatgpt_workspace_id. */
  notAllowed: NotAllowed | null;
  notices: readonly Notice[];
  /** Increments on every change. */
  version: number;
}

export interface RefreshFailure {
  reason: 'expired' | 'exhausted' | 'revoked' | 'other';
  message: string;
}

export interface SignedInSnapshot extends SnapshotCommon {
  status: 'signedIn';
  notAllowed: null;
  identity: Identity;
  /** Where the credential in use lives: a file path, `keyring (…)`, or `memory (this process only)`. */
  storedAt: string;
  /** Set when the stored credential now belongs to another account than the one this process uses. */
  diskAccountChanged: { email: string | null; accountId: string | null } | null;
  /** The permanent refresh failure remembered for the current credentials, if any. */
  refreshFailure: RefreshFailure | null;
}

/** `loading` until the first load finished; an identity exists only while signed in. */
export type AuthSnapshot = (SnapshotCommon & { status: 'loading' | 'signedOut' }) | SignedInSnapshot;

export interface LogoutResult {
  removed: { backend: string; location: string }[];
  /** Set when the best-effort revoke failed; credentials were removed locally anyway. */
  revokeError: string | null;
  revoked: boolean;
}
