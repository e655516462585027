// The real CLI's logout.rs suite plus what a person expects: revoke, remove everything, report it.
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ALICE, chatgptAuthJson } from '../../support/jwt.js';
import { createHarness, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const revokes = () => h.authority.requests.filter((r) => r.path === '/oauth/revoke');

it('logout_with_revoke_revokes_refresh_token_then_removes_auth', async () => {
  const auth = chatgptAuthJson(ALICE);
  h.authority.seedAuth(auth);
  await h.writeAuth(auth);
  const m = h.manager();
  await m.start();
  const result = await m.logout();
  expect(revokes().map((r) => r.body)).toEqual([
    { token: auth.tokens.refresh_token, token_type_hint: 'refresh_token', client_id: 'app_EMoamEEZ73f0CkXaXp7hrann' },
  ]);
  expect(existsSync(h.authFile)).toBe(false);
  expect(result).toEqual({ removed: [{ backend: 'file', location: h.authFile }], revokeError: null, revoked: true });
  expect(m.snapshot()).toMatchObject({ status: 'signedOut' });
});

it('logout_with_revoke_removes_auth_when_revoke_fails (500)', async () => {
  h.authority.behavior.revokeStatus = 500;
  await h.writeAuth(chatgptAuthJson(ALICE));
  const m = h.manager();
  await m.start();
  const result = await m.logout();
  expect(existsSync(h.authFile)).toBe(false);
  expect(result.revoked).toBe(false);
  expect(result.revokeError).toBe('failed to revoke refresh token: 500: {"error":"server_error"}');
  expect(result.removed).toHaveLength(1);
});

it('auth_manager_logout_with_revoke_uses_cached_auth: the cached tokens are revoked, the cache cleared', async () => {
  const auth = chatgptAuthJson(ALICE);
  await h.writeAuth(auth);
  const m = h.manager();
  await m.start();
  const { rm } = await import('node:fs/promises');
  await rm(h.authFile); // gone from disk, still cached in this process
  const result = await m.logout();
  expect(revokes().map((r) => r.body.token)).toEqual([auth.tokens.refresh_token]);
  expect(result).toMatchObject({ removed: [], revoked: true });
  await expect(m.getAccessToken()).rejects.toThrow(/Not signed in/);
});

it('revokes the access token (no client_id) when there is no refresh token', async () => {
  const auth = chatgptAuthJson(ALICE, { refreshToken: '' });
  await h.writeAuth(auth);
  const m = h.manager();
  await m.start();
  await m.logout();
  expect(revokes().map((r) => r.body)).toEqual([{ token: auth.tokens.access_token, token_type_hint: 'access_token' }]);
});

it('an API key is removed without any revoke request', async () => {
  await h.writeAuth({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-abcdefghijklmnop12345' });
  const m = h.manager();
  await m.start();
  const result = await m.logout();
  expect(revokes()).toHaveLength(0);
  expect(result).toMatchObject({ revoked: false, revokeError: null });
  expect(existsSync(h.authFile)).toBe(false);
});

it('an unreachable revoke endpoint is reported in one line and still removes the file', async () => {
  await h.writeAuth(chatgptAuthJson(ALICE));
  const m = h.manager();
  await m.start();
  await h.authority.close(); // nothing listens any more
  const result = await m.logout();
  expect(result.revokeError).toMatch(/^failed to revoke refresh token: Could not connect to 127\.0\.0\.1:\d+: connection refused\./);
  expect(existsSync(h.authFile)).toBe(false);
});
