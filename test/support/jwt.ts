// Test tokens shaped like the real authority's: three base64url parts, the OpenAI auth claims.
import { randomBytes } from 'node:crypto';

export interface TestAccount {
  email?: string | null;
  plan?: string | null;
  accountId?: string | null;
  userId?: string;
}

export const ALICE: Required<TestAccount> = {
  email: 'alice@example.com',
  plan: 'plus',
  accountId: 'acct-alice-0001',
  userId: 'user-alice',
};
export const BOB: Required<TestAccount> = {
  email: 'bob@example.com',
  plan: 'team',
  accountId: 'acct-bob-0002',
  userId: 'user-bob',
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function makeJwt(payload: Record<string, unknown>): string {
  return `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(payload)}.${randomBytes(16).toString('base64url')}`;
}

function authClaim(account: TestAccount): Record<string, unknown> {
  const claim: Record<string, unknown> = {};
  if (account.plan) claim.chatgpt_plan_type = account.plan;
  if (account.accountId) claim.chatgpt_account_id = account.accountId;
  if (account.userId) claim.chatgpt_user_id = account.userId;
  return claim;
}

export function makeIdToken(account: TestAccount, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const payload: Record<string, unknown> = {
    iss: 'https://auth.openai.com',
    aud: ['app_EMoamEEZ73f0CkXaXp7hrann'],
    iat: nowSeconds,
    exp: nowSeconds + 3600,
    'https://api.openai.com/auth': authClaim(account),
  };
  if (account.email) payload.email = account.email;
  return makeJwt(payload);
}

/** An access token valid for `ttlSeconds` (negative: already expired). */
export function makeAccessToken(account: TestAccount, ttlSeconds = 3600, nowSeconds = Math.floor(Date.now() / 1000)): string {
  return makeJwt({
    iss: 'https://auth.openai.com',
    iat: nowSeconds,
    exp: nowSeconds + ttlSeconds,
    jti: randomBytes(8).toString('hex'),
    'https://api.openai.com/auth': authClaim(account),
  });
}

export const makeRefreshToken = () => `rt_${randomBytes(24).toString('base64url')}`;

/** A complete ChatGPT auth.json object for `account`. */
export function chatgptAuthJson(
  account: TestAccount,
  options: { accessTtlSeconds?: number; lastRefresh?: Date; refreshToken?: string; apiKey?: string | null } = {},
) {
  return {
    auth_mode: 'chatgpt',
    OPENAI_API_KEY: options.apiKey ?? null,
    tokens: {
      id_token: makeIdToken(account),
      access_token: makeAccessToken(account, options.accessTtlSeconds ?? 3600),
      refresh_token: options.refreshToken ?? makeRefreshToken(),
      account_id: account.accountId ?? null,
    },
    last_refresh: (options.lastRefresh ?? new Date()).toISOString(),
  };
}
