// 401 recovery end to end (§6.2): the real backend answers 401 for a revoked or expired token.
import { writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ACCOUNT_MISMATCH_MESSAGE } from '../../../src/auth/refreshErrors.js';
import { ALICE, BOB, chatgptAuthJson } from '../../support/jwt.js';
import { createHarness, type Harness } from './harness.js';
import { signedIn } from '../../support/snapshots.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const usage = () => `${h.authority.chatgptBaseUrl}wham/usage`;
async function seed(account = ALICE) {
  const auth = chatgptAuthJson(account);
  h.authority.seedAuth(auth, account);
  await h.writeAuth(auth);
  return auth;
}

it('sends the bearer and ChatGPT-Account-ID headers', async () => {
  const auth = await seed();
  const m = h.manager();
  await m.start();
  const response = await m.fetchWithAuth(usage(), { headers: { accept: 'application/json' } });
  expect(response.status).toBe(200);
  const seen = h.authority.requests.find((r) => r.path === '/backend-api/wham/usage')!;
  expect(seen.headers.authorization).toBe(`Bearer ${auth.tokens.access_token}`);
  expect(seen.headers['chatgpt-account-id']).toBe(ALICE.accountId);
  expect(seen.headers.accept).toBe('application/json');
});

it('401 -> re-reads the store and retries with the tokens another process saved, without refreshing', async () => {
  const old = await seed();
  const m = h.manager();
  await m.start();
  h.authority.revokeAccessToken(old.tokens.access_token);
  await seed(); // another process signed in again as the same account
  const response = await m.fetchWithAuth(usage());
  expect(response.status).toBe(200);
  expect(h.authority.count('/backend-api/wham/usage')).toBe(2);
  expect(h.refreshCount()).toBe(0);
});

it('401 twice -> refreshes, then succeeds', async () => {
  const old = await seed();
  const m = h.manager();
  await m.start();
  h.authority.revokeAccessToken(old.tokens.access_token);
  const response = await m.fetchWithAuth(usage());
  expect(response.status).toBe(200);
  expect(h.authority.count('/backend-api/wham/usage')).toBe(3);
  expect(h.refreshCount()).toBe(1);
  expect((await h.readAuth()).tokens.access_token).toBe(await m.getAccessToken());
});

it('gives up after two retries and returns the original 401', async () => {
  const old = await seed();
  const m = h.manager();
  await m.start();
  h.authority.revokeAccessToken(old.tokens.access_token);
  h.authority.behavior.accessTtlSeconds = -30; // the refreshed token is rejected too
  const response = await m.fetchWithAuth(usage());
  expect(response.status).toBe(401);
  expect(h.authority.count('/backend-api/wham/usage')).toBe(3);
  expect(h.refreshCount()).toBe(1);
});

it('account switched in another process: no adoption, the mismatch message, no refresh request', async () => {
  const mine = await seed();
  const m = h.manager();
  await m.start();
  h.authority.revokeAccessToken(mine.tokens.access_token);
  const bob = await seed(BOB);
  await expect(m.fetchWithAuth(usage())).rejects.toMatchObject({ permanent: true, message: ACCOUNT_MISMATCH_MESSAGE });
  expect(h.refreshCount()).toBe(0);
  expect(h.authority.count('/backend-api/wham/usage')).toBe(1);
  expect(signedIn(m.snapshot()).identity).toMatchObject({ email: ALICE.email });
  expect(signedIn(m.snapshot()).diskAccountChanged).toEqual({ email: BOB.email, accountId: BOB.accountId });
  expect(await m.getAccessToken()).not.toBe(bob.tokens.access_token);
  expect((await h.readAuth()).tokens.access_token).toBe(bob.tokens.access_token); // and their file is untouched
});

it('401 with a malformed auth.json: a transient error, no "logged out" notice, the file untouched', async () => {
  const old = await seed();
  const m = h.manager();
  await m.start();
  h.authority.revokeAccessToken(old.tokens.access_token);
  await writeFile(h.authFile, '{"tokens": ', { mode: 0o600 }); // someone is hand-editing the file
  const broken = await h.rawAuth();
  await expect(m.fetchWithAuth(usage())).rejects.toMatchObject({ permanent: false, message: 'Failed to refresh token: the stored credentials could not be read' });
  expect(m.snapshot().notices.map((n) => n.kind)).not.toContain('signed-in-elsewhere');
  expect(signedIn(m.snapshot()).diskAccountChanged).toBeNull();
  expect(m.snapshot().status).toBe('signedIn');
  expect(await h.rawAuth()).toBe(broken);
  expect(h.refreshCount()).toBe(0);
});
