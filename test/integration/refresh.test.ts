// The real CLI's auth_refresh.rs suite (§12), against the loopback authority and a real auth.json.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RefreshTokenError, REFRESH_MESSAGES, ACCOUNT_MISMATCH_MESSAGE } from '../../src/auth/refreshErrors.js';
import { TRANSIENT_HINT } from '../../src/auth/authNotices.js';
import { ALICE, BOB, chatgptAuthJson, makeAccessToken } from '../support/jwt.js';
import { createHarness, type Harness } from '../unit/auth/harness.js';
import { signedIn } from '../support/snapshots.js';

const DAY = 24 * 60 * 60_000;
let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

/** Writes a ChatGPT auth.json whose tokens the authority knows. */
async function seed(options: Parameters<typeof chatgptAuthJson>[1] = {}, account = ALICE) {
  const auth = chatgptAuthJson(account, options);
  h.authority.seedAuth(auth, account);
  await h.writeAuth(auth);
  return auth;
}

async function refreshError(promise: Promise<unknown>): Promise<RefreshTokenError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(RefreshTokenError);
  return error as RefreshTokenError;
}

describe('auth_refresh (real CLI suite)', () => {
  it('refresh_token_succeeds_updates_storage: new tokens saved, id_token kept, last_refresh advanced, cache updated', async () => {
    h.authority.behavior.refreshOmitsIdToken = true;
    const before = await seed({ lastRefresh: new Date(h.clock.now - DAY) });
    (before as Record<string, unknown>).future_field = { kept: true };
    await h.writeAuth(before);
    const m = h.manager();
    await m.start();
    h.clock.now += 1000;
    await m.refresh();
    const after = await h.readAuth();
    expect(h.refreshCount()).toBe(1);
    expect(after.tokens.access_token).not.toBe(before.tokens.access_token);
    expect(after.tokens.refresh_token).not.toBe(before.tokens.refresh_token);
    expect(after.tokens.id_token).toBe(before.tokens.id_token);
    expect(after.future_field).toEqual({ kept: true });
    expect(after.last_refresh).toBe(new Date(h.clock.now).toISOString());
    expect(await m.getAccessToken()).toBe(after.tokens.access_token);
    expect(signedIn(m.snapshot()).identity).toMatchObject({ lastRefresh: after.last_refresh });
  });

  it('refresh_token_refreshes_when_auth_is_unchanged: the guarded refresh calls the authority', async () => {
    await seed();
    const m = h.manager();
    await m.start();
    await m.refresh();
    expect(h.refreshCount()).toBe(1);
  });

  it('auth_refreshes_when_access_token_is_near_expiry (4 min left)', async () => {
    const before = await seed({ accessTtlSeconds: 240 });
    const m = h.manager();
    await m.start();
    expect(h.refreshCount()).toBe(1);
    expect(await m.getAccessToken()).not.toBe(before.tokens.access_token);
  });

  it('auth_skips_access_token_outside_refresh_window (6 min left)', async () => {
    const before = await seed({ accessTtlSeconds: 360 });
    const m = h.manager();
    await m.start();
    expect(await m.getAccessToken()).toBe(before.tokens.access_token);
    expect(h.refreshCount()).toBe(0);
  });

  it('refresh_token_skips_refresh_when_auth_changed: newer tokens of the same account are adopted, no request', async () => {
    await seed();
    const m = h.manager();
    await m.start();
    const newer = await seed();
    await m.refresh();
    expect(h.refreshCount()).toBe(0);
    expect(await m.getAccessToken()).toBe(newer.tokens.access_token);
  });

  it('refresh_token_errors_on_account_mismatch: permanent Other, no request, cache kept', async () => {
    const mine = await seed();
    const m = h.manager();
    await m.start();
    await seed({}, BOB);
    const error = await refreshError(m.refresh());
    expect(error).toMatchObject({ permanent: true, reason: 'other', message: ACCOUNT_MISMATCH_MESSAGE });
    expect(h.refreshCount()).toBe(0);
    expect(await m.getAccessToken()).toBe(mine.tokens.access_token);
    expect(signedIn(m.snapshot()).identity).toMatchObject({ email: ALICE.email });
    expect(signedIn(m.snapshot()).diskAccountChanged).toEqual({ email: BOB.email, accountId: BOB.accountId });
  });

  it('returns_fresh_tokens_as_is: 9-day-old last_refresh but a token valid for an hour', async () => {
    const before = await seed({ lastRefresh: new Date(h.clock.now - 9 * DAY) });
    const m = h.manager();
    await m.start();
    expect(await m.getAccessToken()).toBe(before.tokens.access_token);
    expect(h.refreshCount()).toBe(0);
  });

  it('refreshes_token_when_access_token_is_expired (last_refresh only 1 day old)', async () => {
    const before = await seed({ accessTtlSeconds: -60, lastRefresh: new Date(h.clock.now - DAY) });
    const m = h.manager();
    await m.start();
    expect(h.refreshCount()).toBe(1);
    expect(await m.getAccessToken()).not.toBe(before.tokens.access_token);
  });

  it('refreshes an opaque access token once last_refresh is older than 8 days', async () => {
    const auth = chatgptAuthJson(ALICE, { lastRefresh: new Date(h.clock.now - 9 * DAY) });
    auth.tokens.access_token = 'opaque-access-token';
    h.authority.seedAuth(auth);
    await h.writeAuth(auth);
    await h.manager().start();
    expect(h.refreshCount()).toBe(1);
  });

  it('auth_reloads_disk_auth_when_cached_auth_is_stale: fresher disk tokens, no network', async () => {
    await seed({ accessTtlSeconds: 3600 });
    const m = h.manager();
    await m.start();
    h.clock.now += 2 * 3600_000; // the cached token is now expired
    const fresher = { ...(await h.readAuth()) };
    fresher.tokens = { ...fresher.tokens, access_token: makeAccessToken(ALICE, 4 * 3600) };
    await h.writeAuth(fresher);
    expect(await m.getAccessToken()).toBe(fresher.tokens.access_token);
    expect(h.refreshCount()).toBe(0);
    expect(m.snapshot().notices.map((n) => n.kind)).toContain('adopted-refresh');
  });

  it('auth_reloads_disk_auth_without_calling_expired_refresh_token (authority primed to 401)', async () => {
    await seed({ accessTtlSeconds: 3600 });
    const m = h.manager();
    await m.start();
    h.authority.behavior.refreshFailure = { status: 401, code: 'refresh_token_expired' };
    h.clock.now += 2 * 3600_000;
    const fresher = { ...(await h.readAuth()) };
    fresher.tokens = { ...fresher.tokens, access_token: makeAccessToken(ALICE, 4 * 3600) };
    await h.writeAuth(fresher);
    expect(await m.getAccessToken()).toBe(fresher.tokens.access_token);
    expect(h.authority.count('/oauth/token')).toBe(0);
  });

  it('refresh_token_returns_permanent_error_for_expired_refresh_token; storage unchanged byte for byte', async () => {
    await seed();
    const m = h.manager();
    await m.start();
    const raw = await h.rawAuth();
    h.authority.behavior.refreshFailure = { status: 401, code: 'refresh_token_expired' };
    const error = await refreshError(m.refresh());
    expect(error).toMatchObject({ permanent: true, reason: 'expired', message: REFRESH_MESSAGES.expired });
    expect(await h.rawAuth()).toBe(raw);
    const notice = m.snapshot().notices.find((n) => n.kind === 'refresh-permanent');
    // The banner gives one next step, its action: the real CLI's "Please log out and sign in again." is left out.
    expect(notice).toMatchObject({ message: REFRESH_MESSAGES.expired.replace(' Please log out and sign in again.', ''), action: 'Type /login to sign in again.', sticky: true });
    expect(signedIn(m.snapshot()).refreshFailure).toEqual({ reason: 'expired', message: REFRESH_MESSAGES.expired });
    m.dismissNotice(notice!.id);
    expect(m.snapshot().notices).toContain(notice);
  });

  it('refresh_token_does_not_retry_after_permanent_failure (401 refresh_token_reused): one request', async () => {
    await seed();
    const m = h.manager();
    await m.start();
    h.authority.behavior.refreshFailure = { status: 401, code: 'refresh_token_reused' };
    for (let i = 0; i < 2; i++) {
      expect(await refreshError(m.refresh())).toMatchObject({ permanent: true, reason: 'exhausted', message: REFRESH_MESSAGES.exhausted });
    }
    expect(h.refreshCount()).toBe(1);
  });

  it('refresh_token_does_not_retry_after_bad_request_reused_failure (400 is permanent too)', async () => {
    await seed();
    const m = h.manager();
    await m.start();
    h.authority.behavior.refreshFailure = { status: 400, code: 'refresh_token_reused' };
    await refreshError(m.refresh());
    expect(await refreshError(m.refresh())).toMatchObject({ permanent: true, reason: 'exhausted' });
    expect(h.refreshCount()).toBe(1);
  });

  it('refresh_token_reloads_changed_auth_after_permanent_failure: new disk creds adopted, failure cleared', async () => {
    await seed();
    const m = h.manager();
    await m.start();
    h.authority.behavior.refreshFailure = { status: 401, code: 'refresh_token_invalidated' };
    expect(await refreshError(m.refresh())).toMatchObject({ reason: 'revoked' });
    const relogin = await seed();
    await m.refresh();
    expect(h.refreshCount()).toBe(1);
    expect(signedIn(m.snapshot()).refreshFailure).toBeNull();
    expect(m.snapshot().notices.some((n) => n.kind === 'refresh-permanent')).toBe(false);
    expect(await m.getAccessToken()).toBe(relogin.tokens.access_token);
    h.authority.behavior.refreshFailure = null;
    await m.refresh();
    expect(h.refreshCount()).toBe(2);
  });

  it('refresh_token_returns_transient_error_on_server_failure: retried with back-off, no failed reason', async () => {
    await seed();
    const m = h.manager();
    await m.start();
    const raw = await h.rawAuth();
    h.authority.behavior.refreshFailure = { status: 500, code: 'server_error', message: 'upstream down' };
    const error = await refreshError(m.refresh());
    expect(error).toMatchObject({ permanent: false, reason: 'transient', message: 'Failed to refresh token: 500: upstream down' });
    expect(h.refreshCount()).toBe(3);
    expect(h.sleeps).toEqual([500, 2000]);
    expect(signedIn(m.snapshot()).refreshFailure).toBeNull();
    expect(m.snapshot().notices.find((n) => n.kind === 'refresh-transient')?.retryAt).toBeGreaterThan(h.clock.now);
    expect(await h.rawAuth()).toBe(raw);
    // Not remembered: the next attempt goes out again and succeeds.
    h.authority.behavior.refreshFailure = null;
    await m.refresh();
    expect(h.refreshCount()).toBe(4);
    expect(m.snapshot().notices.some((n) => n.kind === 'refresh-transient')).toBe(false);
  });

  it('a still-valid access token keeps working when a proactive refresh fails transiently', async () => {
    const before = await seed({ accessTtlSeconds: 120 });
    h.authority.behavior.refreshFailure = { status: 503, raw: 'maintenance' };
    const m = h.manager();
    await m.start();
    expect(await m.getAccessToken()).toBe(before.tokens.access_token);
    expect(m.snapshot().notices.find((n) => n.kind === 'refresh-transient')?.message).toBe(`Failed to refresh token: 503: maintenance. ${TRANSIENT_HINT}`);
    h.clock.now += 5 * 60_000; // now expired: no more pretending
    await expect(m.getAccessToken()).rejects.toMatchObject({ permanent: false });
  });

  it('unauthorized_recovery_reloads_then_refreshes_tokens: step 1 adopts disk tokens, step 2 refreshes, then done', async () => {
    await seed();
    const m = h.manager();
    await m.start();
    const newer = await seed();
    const recovery = m.createUnauthorizedRecovery();
    expect(recovery.hasNext()).toBe(true);
    await recovery.next();
    expect(h.refreshCount()).toBe(0);
    expect(await m.getAccessToken()).toBe(newer.tokens.access_token);
    expect(recovery.currentStep).toBe('refresh_token');
    await recovery.next();
    expect(h.refreshCount()).toBe(1);
    expect(recovery.hasNext()).toBe(false);
    await expect(recovery.next()).rejects.toMatchObject({ permanent: true, message: 'No more recovery steps available.' });
  });

  it('unauthorized_recovery_errors_on_account_mismatch: permanent Other, no request', async () => {
    await seed();
    const m = h.manager();
    await m.start();
    await seed({}, BOB);
    const recovery = m.createUnauthorizedRecovery();
    expect(await refreshError(recovery.next())).toMatchObject({ permanent: true, reason: 'other', message: ACCOUNT_MISMATCH_MESSAGE });
    expect(recovery.hasNext()).toBe(false);
    expect(h.refreshCount()).toBe(0);
  });

  it('unauthorized_recovery_requires_chatgpt_auth: an API key has no recovery steps', async () => {
    await h.writeAuth({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-not-a-valid-key-123456' });
    const m = h.manager();
    await m.start();
    expect(m.createUnauthorizedRecovery().hasNext()).toBe(false);
    const response = await m.fetchWithAuth(`${h.authority.openaiBaseUrl}/models`);
    expect(response.status).toBe(401);
    expect(h.authority.count('/v1/models')).toBe(1);
  });
});
