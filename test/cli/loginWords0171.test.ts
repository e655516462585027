// The words and flags of the real Codex CLI 0.171 (§9.1, §9.2), through the built binary: the API key
// lines, the hidden --experimental_issuer / --experimental_client-id flags, device-code errors.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, runCodex, useCodexScenario } from './runCodex.js';

const KEY = 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCDE';
const scene = useCodexScenario();

const codex = (args: string[], input?: string) => runCodex(args, { env: baseEnv(scene.home.path), ...(input !== undefined ? { input } : {}) });

describe('0.171 words', () => {
  it('--with-api-key: "API key saved. Authentication is checked when you send a request." then where', async () => {
    const saved = await codex(['login', '--with-api-key'], KEY);
    expect(saved).toEqual({
      code: 0, stdout: '',
      stderr: `Reading API key from stdin...\nAPI key saved. Authentication is checked when you send a request.\nStored in ${join(scene.home.path, 'auth.json')}\n`,
    });
    expect(await codex(['login', 'status'])).toEqual({
      code: 0, stdout: '',
      stderr: `API key configured - sk-proj-***ABCDE\nAuthentication is checked when you send a request.\nStored in ${join(scene.home.path, 'auth.json')}\n`,
    });
  });

  it('--device-auth --experimental_issuer: the device code comes from that issuer; errors start "Error logging in:"', async () => {
    scene.authority.behavior.deviceCodeEnabled = false;
    const before = scene.authority.count('/api/accounts/deviceauth/usercode');
    const result = await codex(['login', '--device-auth', '--experimental_issuer', scene.authority.url, '--experimental_client-id', 'app_test']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('Error logging in: device code login is not enabled for this Codex server. Use the browser login or verify the server URL.\n');
    expect(scene.authority.count('/api/accounts/deviceauth/usercode')).toBe(before + 1);
    expect(scene.authority.requests.filter((r) => r.path === '/api/accounts/deviceauth/usercode').at(-1)?.body.client_id).toBe('app_test');
  });

  it('the hidden flags need a value and belong to `codex login`', async () => {
    expect((await codex(['login', '--experimental_issuer'])).code).toBe(2);
    expect((await codex(['logout', '--experimental_client-id', 'x'])).code).toBe(2);
  });
});
