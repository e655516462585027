// The auth.json format shared with the real Codex CLI (§1.2). Unknown fields are kept
// (loose objects) so that a rewrite by us never drops what a newer CLI stored.
// zod/mini rather than classic zod: same validation, a fraction of the startup cost, which
// matters because `codex login status` parses this file and must start about as fast as node.
import * as z from 'zod/mini';
import { decodeJwtPayload } from '../credential/jwt.js';
import { findDuplicateKey } from './duplicateKeys.js';

/** Every auth_mode the real Codex CLI 0.171 writes. */
export const AUTH_MODES = ['apikey', 'chatgpt', 'chatgptAuthTokens', 'agentIdentity', 'personalAccessToken', 'bedrockApiKey'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];
/** A mode this codex knows, or `unknown`: an auth_mode a newer release writes (see unknownMode). */
export type ResolvedMode = AuthMode | 'unknown';

export const tokenDataSchema = z.looseObject({
  id_token: z.string(),
  access_token: z.string(),
  refresh_token: z.string(),
  account_id: z.optional(z.nullable(z.string())),
});

/** `bedrock_api_key` of an Amazon Bedrock sign-in made by the real TUI (0.171). */
export const bedrockKeySchema = z.looseObject({
  api_key: z.string(),
  region: z.optional(z.nullable(z.string())),
});

const isTimestamp = (value: string) => !Number.isNaN(Date.parse(value));

export const authDotJsonSchema = z.looseObject({
  // Any string: a mode a newer release writes is reported as such, never called corrupt.
  auth_mode: z.optional(z.string()),
  OPENAI_API_KEY: z.optional(z.nullable(z.string())),
  tokens: z.optional(tokenDataSchema),
  last_refresh: z.optional(z.string().check(z.refine(isTimestamp, { message: 'not an RFC 3339 timestamp' }))),
  agent_identity: z.optional(z.string()),
  personal_access_token: z.optional(z.string()),
  bedrock_api_key: z.optional(bedrockKeySchema),
});

export type TokenData = z.infer<typeof tokenDataSchema>;
export type AuthDotJson = z.infer<typeof authDotJsonSchema>;

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
  Object.assign(ordered, rest);
  return pretty ? `${JSON.stringify(ordered, null, 2)}\n` : JSON.stringify(ordered);
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
  const result = authDotJsonSchema.safeParse(raw);
  if (!result.success) throw new AuthParseError(source, describeIssue(result.error.issues[0], raw));
  // The real CLI's serde refuses a repeated key; JSON.parse would silently keep the last one.
  const duplicate = findDuplicateKey(text);
  if (duplicate) throw new AuthParseError(source, `duplicate key "${duplicate.key}" at line ${duplicate.line}, column ${duplicate.column}`);
  const problem = credentialProblem(result.data);
  if (problem) throw new AuthParseError(source, problem);
  return result.data;
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

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  values?: unknown[];
}

/** One readable line for the first schema problem; names the field, never echoes a value. */
function describeIssue(issue: Issue | undefined, raw: unknown): string {
  if (!issue) return 'invalid content';
  const field = issue.path.map(String).join('.');
  const at = field ? ` for "${field}"` : '';
  if (issue.code === 'invalid_type') {
    const found = kindOf(issue.path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown>)?.[key], raw));
    return field
      ? `expected ${issue.expected} for "${field}", found ${found}`
      : `expected a JSON object, found ${found}`;
  }
  if (issue.code === 'invalid_value' && issue.values) {
    return `unknown value${at} (expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`;
  }
  return `${issue.message}${at}`;
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
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
