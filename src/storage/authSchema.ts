// The auth.json format shared with the real Codex CLI (§1.2). Unknown fields are kept
// (passthrough) so that a rewrite by us never drops what a newer CLI stored.
import { z } from 'zod';

export const AUTH_MODES = ['apikey', 'chatgpt', 'chatgptAuthTokens', 'agentIdentity', 'personalAccessToken'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export const tokenDataSchema = z
  .object({
    id_token: z.string(),
    access_token: z.string(),
    refresh_token: z.string(),
    account_id: z.string().nullable().optional(),
  })
  .passthrough();

export const authDotJsonSchema = z
  .object({
    auth_mode: z.enum(AUTH_MODES).optional(),
    OPENAI_API_KEY: z.string().nullable().optional(),
    tokens: tokenDataSchema.optional(),
    last_refresh: z
      .string()
      .refine((value) => !Number.isNaN(Date.parse(value)), { message: 'last_refresh is not an RFC 3339 timestamp' })
      .optional(),
    agent_identity: z.string().optional(),
    personal_access_token: z.string().optional(),
  })
  .passthrough();

export type TokenData = z.infer<typeof tokenDataSchema>;
export type AuthDotJson = z.infer<typeof authDotJsonSchema>;

/** Mode resolution when auth_mode is missing (§1.2): explicit, PAT, API key, ChatGPT. */
export function resolvedMode(auth: AuthDotJson): AuthMode {
  if (auth.auth_mode) return auth.auth_mode;
  if (auth.personal_access_token) return 'personalAccessToken';
  if (auth.OPENAI_API_KEY != null) return 'apikey';
  return 'chatgpt';
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
  const result = authDotJsonSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new AuthParseError(source, `${issue?.message ?? 'invalid'}${where}`);
  }
  return result.data;
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
