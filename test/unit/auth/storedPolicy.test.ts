// The AuthManager with a policy (what the screens and `codex login status` use): forbidden stored
// credentials are never used (no bearer, no refresh), the file is kept, and a sign-in replaces them.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthManager } from '../../../src/auth/AuthManager.js';
import { resolveEndpoints } from '../../../src/auth/endpoints.js';
import { createHttpClient } from '../../../src/http/client.js';
import { createCredentialStore } from '../../../src/storage/createCredentialStore.js';
import { ALICE, chatgptAuthJson } from '../../support/jwt.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'codex-policy-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

const manager = (forcedLoginMethod: 'api' | 'chatgpt' | null, forcedWorkspaceIds: string[] | null = null) =>
  new AuthManager({
    store: createCredentialStore({ codexHome: home, mode: 'file' }),
    http: createHttpClient({ env: {} }),
    endpoints: resolveEndpoints({ CODEX_AUTH_ISSUER: 'http://127.0.0.1:9' }),
    policy: { forcedLoginMethod, forcedWorkspaceIds },
  });

describe('AuthManager with a policy on stored credentials', () => {
  it('does not use forbidden credentials, keeps them on disk, and replaces them on a new sign-in', async () => {
    // Expired, so that a manager that used them would try to refresh (the authority is unreachable).
    const auth = chatgptAuthJson(ALICE, { accessTtlSeconds: -60 });
    await writeFile(join(home, 'auth.json'), JSON.stringify(auth), { mode: 0o600 });
    const m = manager('api');
    await m.start();
    const snapshot = m.snapshot();
    expect(snapshot.status).toBe('signedOut');
    expect(snapshot.notAllowed).toMatchObject({ reason: 'API key login is required, but ChatGPT is currently being used.', identity: { kind: 'chatgpt', email: 'alice@example.com' }, storedAt: join(home, 'auth.json') });
    expect(snapshot.notices).toEqual([]);
    await expect(m.getAccessToken()).rejects.toThrow();
    expect(JSON.parse(await readFile(join(home, 'auth.json'), 'utf8'))).toEqual(auth);

    await m.loginWithApiKey('sk-proj-0123456789abcdefghijABCDE');
    expect(m.snapshot()).toMatchObject({ status: 'signedIn', notAllowed: null, identity: { kind: 'apiKey' } });
    expect(JSON.parse(await readFile(join(home, 'auth.json'), 'utf8')).auth_mode).toBe('apikey');
    m.dispose();
  });

  it('a workspace outside forced_chatgpt_workspace_id; the same file is used without the policy', async () => {
    await writeFile(join(home, 'auth.json'), JSON.stringify(chatgptAuthJson(ALICE)), { mode: 0o600 });
    const m = manager(null, ['ws-1']);
    await m.start();
    expect(m.snapshot().notAllowed?.reason).toBe('Login is restricted to workspace(s) ws-1, but current credentials belong to acct-alice-0001.');
    m.dispose();
    const free = manager(null, null);
    await free.start();
    expect(free.snapshot().status).toBe('signedIn');
    free.dispose();
  });
});
