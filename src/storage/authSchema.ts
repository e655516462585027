// The auth.json format shared with the real Codex CLI (§1.2). Unknown fields are kept (a rewrite by
// us never drops what a newer CLI stored). The shape is checked by hand (src/storage/authShape.ts),
// not by a schema library: every command reads this file, and building zod's schemas alone cost
// `codex login status` about 4% of its start-up.
import { decodeJwtPayload } from '../credential/jwt.js';
import { findDuplicateKey } from './duplicateKeys.js';
import { firstShapeIssue, inFormatOrder } from './authShape.js';

/** Every auth_mode the real Codex CLI 0.171 writes. */
export const AUTH_MODES = ['apikey', 'chatgpt', 'chatgptAuthTokens', 'agentIdentity', 'personalAccessToken', 'bedrockApiKey'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];
/** A mode this codex knows, or `unknown`: an auth_mode a newer release writes (see unknownMode). */
export type ResolvedMode = AuthMode | 'unknown';

export interface TokenData {
  id_token: string;
  access_token: string;
  refresh_token: string;
  account_id?: string | null | undefined;
  [field: string]: unknown;
}

export interface AuthDotJson {
  /** Any string: a mode a newer release writes is reported as such, never called corrupt. */
  auth_mode?: string | undefined;
  OPENAI_API_KEY?: string | null | undefined;
  tokens?: TokenData | undefined;
  /** An RFC 3339 timestamp. */
  last_refresh?: string | undefined;
  agent_identity?: string | undefined;
  personal_access_token?: string | undefined;
  /** `bedrock_api_key` of an Amazon Bedrock sign-in made by the real TUI (0.171). */
  bedrock_api_key?: { api_key: string; region?: string | null | undefined; [field: string]: unknown } | undefined;
  [field: string]: unknown;
}

const isKnownMode = (mode: string): mode is AuthMode => (AUTH_MODES as readonly string[]).includes(mode);

/** Mode resolution when auth_mode is missing (§1.2): explicit, PAT, API key, ChatGPT. */
export function resolvedMode(auth: AuthDotJson): ResolvedMode {
  if (auth.auth_mode !== undefined) return isKnownMode(auth.auth_mode) ? auth.auth_mode : 'unknown';
  if (auth.personal_access_token) return 'personalAccessToken';
  if (auth.OPENAI_API_KEY != null) return 'apikey';
  return 'chatgpt';
}

/** The auth_mode a newer release wrote, when this codex does not know it; else null. */
export function unknownMode(auth: AuthDotJson): string | null {
  return auth.auth_mode !== undefined && !isKnownMode(auth.auth_mode) ? auth.auth_mode : null;
}

/** Serialises in the real CLI's field order (known fields first, then unknown ones), 2-space indent. */
export function serializeAuth(auth: AuthDotJson, pretty = true): string {
  const { auth_mode, OPENAI_API_KEY, tokens, last_refresh, agent_identity, personal_access_token, ...rest } = auth;
  const ordered: Record<string, unknown> = {};
  if (auth_mode !== undefined) ordered.auth_mode = auth_mode;
  ordered.OPENAI_API_KEY = OPENAI_API_KEY ?? null;
  if (tokens !== undefined) {
    const { id_token, access_token, refresh_token, account_id, ...tokenRest } = tokens;
    ordered.tokens = { id_token, access_token, refresh_token, account_id: account_id ?? null, ...tokenRest };
  }
  if (last_refresh !== undefined) ordered.last_refresh = last_refresh;
  if (agent_identity !== undefined) ordered.agent_identity = agent_identity;
  if (personal_access_token !== undefined) ordered.personal_access_token = personal_access_token;
  const all = { ...ordered, ...rest }; // spread, not Object.assign: an unknown field named __proto__ stays a field
  return pretty ? `${JSON.stringify(all, null, 2)}\n` : JSON.stringify(all);
}

export class AuthParseError extends Error {
  constructor(
    readonly source: string,
    readonly detail: string,
  ) {
    super(`${source} is not a valid Codex auth file: ${detail}`);
  }
}

/** Parses and validates the text of an auth.json (or a keyring value). `source` names it in errors. */
export function parseAuth(text: string, source: string): AuthDotJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AuthParseError(source, describeJsonError(text, error as Error));
  }
  dropNulls(raw);
  const issue = firstShapeIssue(raw);
  if (issue) throw new AuthParseError(source, issue);
  // The real CLI's serde refuses a repeated key; JSON.parse would silently keep the last one.
  const duplicate = findDuplicateKey(text);
  if (duplicate) throw new AuthParseError(source, `duplicate key "${duplicate.key}" at line ${duplicate.line}, column ${duplicate.column}`);
  const auth = inFormatOrder(raw as Record<string, unknown>) as AuthDotJson;
  const problem = credentialProblem(auth);
  if (problem) throw new AuthParseError(source, problem);
  return auth;
}

/** What the real CLI refuses on load although the JSON has the right shape (§1.2, §9.2). */
function credentialProblem(auth: AuthDotJson): string | null {
  switch (resolvedMode(auth)) {
    case 'apikey':
      if (!auth.OPENAI_API_KEY) return `API key auth is missing a key ("OPENAI_API_KEY" is ${auth.OPENAI_API_KEY === '' ? 'empty' : auth.OPENAI_API_KEY === null ? 'null' : 'missing'})`;
      return null;
    case 'personalAccessToken':
      return auth.personal_access_token ? null : 'personal access token auth is missing a personal access token ("personal_access_token")';
    case 'agentIdentity':
      return auth.agent_identity ? null : 'agent identity auth is missing an agent identity token ("agent_identity")';
    case 'bedrockApiKey':
      return auth.bedrock_api_key?.api_key ? null : 'Amazon Bedrock auth is missing a key ("bedrock_api_key.api_key")';
    case 'chatgpt':
    case 'chatgptAuthTokens':
      if (!auth.tokens) return null;
      try {
        decodeJwtPayload(auth.tokens.id_token, 'ID token');
        return null;
      } catch {
        return 'invalid ID token format: "tokens.id_token" is not a JWT';
      }
    case 'unknown':
      return null;
  }
}

/** The real CLI reads an explicit null in an optional field as "absent" (serde's Option); so do we. */
const OPTIONAL_FIELDS = ['auth_mode', 'tokens', 'last_refresh', 'agent_identity', 'personal_access_token', 'bedrock_api_key'];
function dropNulls(raw: unknown): void {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
  const record = raw as Record<string, unknown>;
  for (const field of OPTIONAL_FIELDS) if (record[field] === null) delete record[field];
}

/** V8's JSON errors quote part of the input, which may be a secret: keep only where it failed. */
function describeJsonError(text: string, error: Error): string {
  if (text.trim() === '') return 'the file is empty';
  const match = /position (\d+)/.exec(error.message);
  if (!match) return 'invalid JSON (unexpected end of input or token)';
  const offset = Number(match[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `invalid JSON at line ${line}, column ${column}`;
}
