import { describe, expect, it } from 'vitest';
import { resolveEndpoints } from '../../../src/auth/endpoints.js';
import { classifyRefreshFailure, extractErrorCode, extractErrorMessage, REFRESH_MESSAGES } from '../../../src/auth/refreshErrors.js';
import { applyRefresh, shouldRefreshProactively } from '../../../src/auth/refresh.js';
import { ALICE, chatgptAuthJson } from '../../support/jwt.js';

describe('resolveEndpoints', () => {
  it('defaults to auth.openai.com', () => {
    expect(resolveEndpoints({})).toEqual({
      issuer: 'https://auth.openai.com',
      clientId: 'app_EMoamEEZ73f0CkXaXp7hrann',
      authorizeUrl: 'https://auth.openai.com/oauth/authorize',
      tokenUrl: 'https://auth.openai.com/oauth/token',
      refreshUrl: 'https://auth.openai.com/oauth/token',
      revokeUrl: 'https://auth.openai.com/oauth/revoke',
      deviceApiBase: 'https://auth.openai.com/api/accounts',
      deviceVerificationUrl: 'https://auth.openai.com/codex/device',
    });
  });

  it('CODEX_AUTH_ISSUER moves every flow (trailing slash dropped)', () => {
    const e = resolveEndpoints({ CODEX_AUTH_ISSUER: 'http://127.0.0.1:9/' });
    expect([e.issuer, e.tokenUrl, e.refreshUrl, e.revokeUrl, e.deviceApiBase]).toEqual([
      'http://127.0.0.1:9', 'http://127.0.0.1:9/oauth/token', 'http://127.0.0.1:9/oauth/token',
      'http://127.0.0.1:9/oauth/revoke', 'http://127.0.0.1:9/api/accounts',
    ]);
  });

  it('the revoke URL is derived from the refresh override (path /oauth/revoke, no query) unless overridden', () => {
    const derived = resolveEndpoints({ CODEX_REFRESH_TOKEN_URL_OVERRIDE: 'https://mock.test:8443/custom/token?x=1' });
    expect(derived.refreshUrl).toBe('https://mock.test:8443/custom/token?x=1');
    expect(derived.revokeUrl).toBe('https://mock.test:8443/oauth/revoke');
    const explicit = resolveEndpoints({ CODEX_REFRESH_TOKEN_URL_OVERRIDE: 'https://a.test/t', CODEX_REVOKE_TOKEN_URL_OVERRIDE: 'https://b.test/r' });
    expect(explicit.revokeUrl).toBe('https://b.test/r');
  });
});

describe('refresh error classification (§5.3)', () => {
  it('extracts the code from error.code, a string error, or the top-level code (lowercased)', () => {
    expect(extractErrorCode('{"error":{"code":"REFRESH_TOKEN_REUSED"}}')).toBe('refresh_token_reused');
    expect(extractErrorCode('{"error":"refresh_token_expired"}')).toBe('refresh_token_expired');
    expect(extractErrorCode('{"code":"refresh_token_invalidated"}')).toBe('refresh_token_invalidated');
    expect(extractErrorCode('not json')).toBeNull();
  });

  it('message: error.message, else the raw body, else Unknown error', () => {
    expect(extractErrorMessage('{"error":{"message":"boom"}}')).toBe('boom');
    expect(extractErrorMessage('Bad Gateway')).toBe('Bad Gateway');
    expect(extractErrorMessage('  ')).toBe('Unknown error');
  });

  it.each([
    [401, '{"error":{"code":"refresh_token_expired"}}', 'expired'],
    [400, '{"error":{"code":"refresh_token_reused"}}', 'exhausted'],
    [403, '{"error":"refresh_token_invalidated"}', 'revoked'],
    [401, '{"error":{"code":"something_else"}}', 'other'],
    [401, '', 'other'],
  ] as const)('%i %s is permanent (%s)', (status, body, reason) => {
    expect(classifyRefreshFailure(status, body)).toMatchObject({ permanent: true, reason, message: REFRESH_MESSAGES[reason] });
  });

  it('anything else is transient with `Failed to refresh token: <status>: <message>`', () => {
    expect(classifyRefreshFailure(400, '{"error":{"code":"invalid_request","message":"bad"}}')).toMatchObject({
      permanent: false, reason: 'transient', message: 'Failed to refresh token: 400: bad', retryable: false,
    });
    expect(classifyRefreshFailure(502, '')).toMatchObject({ message: 'Failed to refresh token: 502: Unknown error', retryable: true });
  });
});

describe('proactive refresh rule (§5.2)', () => {
  const now = Date.now();
  it('exp within 5 minutes, else last_refresh older than 8 days; never for API keys', () => {
    expect(shouldRefreshProactively(chatgptAuthJson(ALICE, { accessTtlSeconds: 299 }) as never, now)).toBe(true);
    expect(shouldRefreshProactively(chatgptAuthJson(ALICE, { accessTtlSeconds: 330 }) as never, now)).toBe(false);
    const opaque = chatgptAuthJson(ALICE, { lastRefresh: new Date(now - 8 * 86_400_000 - 1000) });
    opaque.tokens.access_token = 'opaque';
    expect(shouldRefreshProactively(opaque as never, now)).toBe(true);
    opaque.last_refresh = new Date(now - 7 * 86_400_000).toISOString();
    expect(shouldRefreshProactively(opaque as never, now)).toBe(false);
    expect(shouldRefreshProactively({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-x' }, now)).toBe(false);
  });

  it('persistence replaces only the returned fields and keeps the rest', () => {
    const stored = { ...chatgptAuthJson(ALICE), extra: 1 } as never as Parameters<typeof applyRefresh>[0];
    const next = applyRefresh(stored, { access_token: 'new-access' }, Date.parse('2026-06-09T12:00:00Z'));
    expect(next.tokens).toEqual({ ...stored.tokens, access_token: 'new-access' });
    expect(next.last_refresh).toBe('2026-06-09T12:00:00.000Z');
    expect((next as Record<string, unknown>).extra).toBe(1);
  });
});
