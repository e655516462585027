// `codex logout`: exact messages and exit codes (§9), revocation, every store cleared.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALICE, chatgptAuthJson } from '../support/jwt.js';
import { baseEnv, runCodex, useCodexScenario } from './runCodex.js';

const scene = useCodexScenario();

const authPath = () => join(scene.home.path, 'auth.json');
const logout = () => runCodex(['logout'], { env: { ...baseEnv(scene.home.path), CODEX_AUTH_ISSUER: scene.authority.url } });

describe('codex logout', () => {
  it('removes auth.json: "Successfully logged out", then "Not logged in" (both exit 0)', async () => {
    writeFileSync(authPath(), JSON.stringify({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-xxxxxxxxxxxxxxxxxxxxxxxx' }), { mode: 0o600 });
    expect(await logout()).toEqual({ code: 0, stdout: '', stderr: 'Successfully logged out\n' });
    expect(existsSync(authPath())).toBe(false);
    expect(await logout()).toEqual({ code: 0, stdout: '', stderr: 'Not logged in\n' });
  });

  it('revokes the ChatGPT refresh token at the authority', async () => {
    const auth = chatgptAuthJson(ALICE);
    scene.authority.seedAuth(auth, ALICE);
    writeFileSync(authPath(), JSON.stringify(auth), { mode: 0o600 });
    const revokesBefore = scene.authority.count('/oauth/revoke');
    expect((await logout()).stderr).toBe('Successfully logged out\n');
    expect(scene.authority.count('/oauth/revoke')).toBe(revokesBefore + 1);
    expect(scene.authority.requests.at(-1)?.body).toMatchObject({ token: auth.tokens.refresh_token, token_type_hint: 'refresh_token' });
  });

  it('still removes local credentials when the revoke fails, with a warning', async () => {
    writeFileSync(authPath(), JSON.stringify(chatgptAuthJson(ALICE)), { mode: 0o600 });
    const result = await runCodex(['logout'], { env: { ...baseEnv(scene.home.path), CODEX_REVOKE_TOKEN_URL_OVERRIDE: 'http://127.0.0.1:9/oauth/revoke' } });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^Warning: failed to revoke auth tokens during logout: .+\nSuccessfully logged out\n$/);
    expect(existsSync(authPath())).toBe(false);
  });
});
