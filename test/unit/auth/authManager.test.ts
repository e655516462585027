// The AuthManager as the single owner of the credentials: snapshot, logins, the watch, notices.
import { stat } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALICE, BOB, chatgptAuthJson, makeAccessToken, makeIdToken, makeRefreshToken } from '../../support/jwt.js';
import { createHarness, type Harness } from './harness.js';
import { signedIn } from '../../support/snapshots.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

describe('snapshot', () => {
  it('starts loading, then signedOut without auth.json; the same object until something changes', async () => {
    const m = h.manager();
    expect(m.snapshot().status).toBe('loading');
    let calls = 0;
    m.subscribe(() => calls++);
    await m.start();
    const first = m.snapshot();
    expect(first).toMatchObject({ status: 'signedOut', storeMode: 'file' });
    expect(await m.reload()).toBe(false);
    expect(m.snapshot()).toBe(first);
    const callsBefore = calls;
    await m.loginWithApiKey('sk-proj-abcdefghijklmnopqrstuvwxyz12345');
    expect(m.snapshot()).not.toBe(first);
    expect(m.snapshot().version).toBeGreaterThan(first.version);
    expect(calls).toBeGreaterThan(callsBefore);
  });

  it('a ChatGPT identity from the id_token, and no secret anywhere in the snapshot', async () => {
    const auth = chatgptAuthJson(ALICE, { apiKey: 'sk-proj-exchangedkey0123456789ABCDE' });
    await h.writeAuth(auth);
    const m = h.manager();
    await m.start();
    const snap = m.snapshot();
    expect(signedIn(snap).identity).toMatchObject({ kind: 'chatgpt', email: ALICE.email, plan: 'plus', accountId: ALICE.accountId, maskedApiKey: 'sk-proj-***ABCDE' });
    expect(signedIn(snap).storedAt).toBe(h.authFile);
    const text = JSON.stringify(snap);
    for (const secret of [auth.tokens.access_token, auth.tokens.refresh_token, auth.tokens.id_token, 'sk-proj-exchangedkey0123456789ABCDE']) {
      expect(text).not.toContain(secret);
    }
  });

  it('legacy file without auth_mode: OPENAI_API_KEY only is an API key; tokens only is ChatGPT', async () => {
    await h.writeAuth({ OPENAI_API_KEY: 'sk-legacy-0123456789abcdef' });
    const m = h.manager();
    await m.start();
    expect(signedIn(m.snapshot()).identity).toEqual({ kind: 'apiKey', maskedKey: 'sk-legac***bcdef' });
    expect(m.currentApiKey()).toBe('sk-legacy-0123456789abcdef');
    const { auth_mode: _drop, ...legacy } = chatgptAuthJson(ALICE);
    await h.writeAuth(legacy);
    const other = h.manager();
    await other.start();
    expect(signedIn(other.snapshot()).identity).toMatchObject({ kind: 'chatgpt', userId: ALICE.userId });
    expect(other.currentApiKey()).toBeNull();
  });

  it('a malformed auth.json is reported with its path and left untouched', async () => {
    const { writeFile, readFile } = await import('node:fs/promises');
    await writeFile(h.authFile, '{"tokens": ', { mode: 0o600 });
    const m = h.manager();
    await m.start();
    expect(m.snapshot().status).toBe('signedOut');
    expect(m.snapshot().loadError).toContain(h.authFile);
    expect(await readFile(h.authFile, 'utf8')).toBe('{"tokens": ');
  });
});

describe('logins', () => {
  it('login_with_api_key overwrites the file and clears tokens', async () => {
    await h.writeAuth(chatgptAuthJson(ALICE));
    const m = h.manager();
    await m.start();
    const outcome = await m.loginWithApiKey('  sk-proj-new-key-abcdefghijklmnop  ');
    expect(outcome).toMatchObject({ backend: 'file', location: h.authFile });
    expect(await h.readAuth()).toEqual({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-new-key-abcdefghijklmnop' });
    expect((await stat(h.authFile)).mode & 0o777).toBe(0o600);
    expect(signedIn(m.snapshot()).identity).toMatchObject({ kind: 'apiKey' });
  });

  it('saveChatgptTokens writes the account id and last_refresh, then revokes the replaced refresh token', async () => {
    const old = chatgptAuthJson(ALICE);
    await h.writeAuth(old);
    const m = h.manager();
    await m.start();
    const t = { idToken: makeIdToken(BOB), accessToken: makeAccessToken(BOB), refreshToken: makeRefreshToken() };
    const outcome = await m.saveChatgptTokens(t);
    expect(outcome.warning).toBeUndefined();
    expect(await h.readAuth()).toEqual({
      auth_mode: 'chatgpt', OPENAI_API_KEY: null,
      tokens: { id_token: t.idToken, access_token: t.accessToken, refresh_token: t.refreshToken, account_id: BOB.accountId },
      last_refresh: new Date(h.clock.now).toISOString(),
    });
    const revokes = h.authority.requests.filter((r) => r.path === '/oauth/revoke');
    expect(revokes.map((r) => r.body.token)).toEqual([old.tokens.refresh_token]);
    expect(signedIn(m.snapshot()).identity).toMatchObject({ email: BOB.email });
  });

  it('a workspace outside forced_chatgpt_workspace_id is refused and nothing is written', async () => {
    const m = h.manager({ forcedWorkspaceIds: ['ws-1', 'ws-2'] });
    await m.start();
    const t = { idToken: makeIdToken(ALICE), accessToken: makeAccessToken(ALICE), refreshToken: makeRefreshToken() };
    await expect(m.saveChatgptTokens(t)).rejects.toThrow('Login is restricted to workspace id(s) ws-1, ws-2.');
    await expect(stat(h.authFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('other processes', () => {
  it('reload adopts a same-account change but never another account (diskAccountChanged instead)', async () => {
    const mine = chatgptAuthJson(ALICE);
    await h.writeAuth(mine);
    const m = h.manager();
    await m.start();
    await h.writeAuth(chatgptAuthJson(BOB));
    expect(await m.reload()).toBe(false);
    expect(signedIn(m.snapshot()).diskAccountChanged).toEqual({ email: BOB.email, accountId: BOB.accountId });
    expect(m.snapshot().notices.find((n) => n.kind === 'signed-in-elsewhere')?.message).toContain(BOB.email);
    expect(await m.getAccessToken()).toBe(mine.tokens.access_token);
    const rotated = chatgptAuthJson(ALICE);
    await h.writeAuth(rotated);
    expect(await m.reload()).toBe(true);
    expect(signedIn(m.snapshot()).diskAccountChanged).toBeNull();
    expect(await m.getAccessToken()).toBe(rotated.tokens.access_token);
  });

  it('start({watch}) notices a logout elsewhere on its timer and keeps this session', async () => {
    const { rm } = await import('node:fs/promises');
    await h.writeAuth(chatgptAuthJson(ALICE));
    const ticks: (() => void)[] = [];
    const m = h.manager({ clock: { every: (_ms, fn) => (ticks.push(fn), () => undefined) } });
    await m.start({ watch: true });
    expect(ticks).toHaveLength(1);
    await rm(h.authFile);
    const changed = new Promise<void>((resolve) => m.subscribe(resolve));
    ticks[0]!();
    await changed;
    expect(m.snapshot()).toMatchObject({ status: 'signedIn', diskAccountChanged: { email: null, accountId: null } });
    m.dispose();
  });

  it('the permanent-failure memory is scoped to its credentials', async () => {
    const auth = chatgptAuthJson(ALICE);
    h.authority.seedAuth(auth);
    await h.writeAuth(auth);
    h.authority.behavior.refreshFailure = { status: 401, code: 'refresh_token_expired' };
    const m = h.manager();
    await m.start();
    await expect(m.refresh()).rejects.toMatchObject({ reason: 'expired' });
    await expect(m.refresh()).rejects.toMatchObject({ reason: 'expired' });
    expect(h.refreshCount()).toBe(1);
    await m.loginWithApiKey('sk-proj-abcdefghijklmnopqrstuvwxyz');
    expect(signedIn(m.snapshot()).refreshFailure).toBeNull();
    expect(m.snapshot().notices).toEqual([]);
  });

  it('a refresh that cannot be written (read-only mount) keeps the new tokens in memory and warns', async () => {
    const auth = chatgptAuthJson(ALICE, { accessTtlSeconds: -5 });
    h.authority.seedAuth(auth);
    await h.writeAuth(auth);
    const m = h.manager({
      store: (real) => ({
        mode: real.mode, codexHome: real.codexHome, warnings: real.warnings, load: () => real.load(),
        transaction: (fn) => real.transaction((tx) => fn({ ...tx, save: async () => Promise.reject(new Error('EROFS: read-only file system')) })),
      }),
    });
    await m.start();
    expect(h.refreshCount()).toBe(1);
    expect(await m.getAccessToken()).not.toBe(auth.tokens.access_token);
    expect(m.snapshot().notices.find((n) => n.kind === 'warning')?.message).toBe(
      'Refreshed your sign-in but could not save it: EROFS: read-only file system',
    );
    expect((await h.readAuth()).tokens.access_token).toBe(auth.tokens.access_token);
    m.dispose();
  });
});
