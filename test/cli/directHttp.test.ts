// The commands that make one request, through the real binary against the loopback authority: the
// request goes direct over node:http (src/http/nodeFetch.ts) and undici is never loaded; it stays
// the tool for proxied requests only (test/unit/http/proxy.test.ts, extraCa.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ALICE, chatgptAuthJson } from '../support/jwt.js';
import { baseEnv, runCodex, useCodexScenario } from './runCodex.js';

const scene = useCodexScenario();

/** Runs codex with a CommonJS hook that records every file it loads (undici is CommonJS). */
async function withLoadedFiles(args: string[]) {
  const record = join(scene.home.path, 'loaded.txt');
  const hook = join(scene.home.path, 'record.cjs');
  writeFileSync(record, '');
  writeFileSync(hook, `
    const Module = require('node:module');
    const { appendFileSync } = require('node:fs');
    const load = Module._load;
    Module._load = function (request, parent, isMain) {
      try { appendFileSync(${JSON.stringify(record)}, Module._resolveFilename(request, parent, isMain) + '\\n'); } catch {}
      return load.apply(this, arguments);
    };`);
  const result = await runCodex(args, { env: { ...baseEnv(scene.home.path), CODEX_AUTH_ISSUER: scene.authority.url, NODE_OPTIONS: `--require ${hook}` } });
  return { ...result, loaded: readFileSync(record, 'utf8').split('\n').filter(Boolean) };
}

const undici = (files: string[]) => files.filter((file) => file.includes('node_modules/undici/'));

it('login status with an expired token refreshes over node:http, without loading undici', async () => {
  const auth = chatgptAuthJson(ALICE, { accessTtlSeconds: -60 });
  scene.authority.seedAuth(auth, ALICE);
  writeFileSync(join(scene.home.path, 'auth.json'), JSON.stringify(auth), { mode: 0o600 });
  const before = scene.authority.count('/oauth/token', 'refresh_token');
  const result = await withLoadedFiles(['login', 'status']);
  expect(result.stderr).toContain('Logged in using ChatGPT - alice@example.com (Plus)');
  expect(scene.authority.count('/oauth/token', 'refresh_token')).toBe(before + 1);
  expect(result.loaded.some((file) => file.endsWith('bin/codex'))).toBe(true);
  expect(undici(result.loaded)).toEqual([]);
});

it('logout of a ChatGPT sign-in revokes over node:http, without loading undici', async () => {
  const auth = chatgptAuthJson(ALICE);
  scene.authority.seedAuth(auth, ALICE);
  writeFileSync(join(scene.home.path, 'auth.json'), JSON.stringify(auth), { mode: 0o600 });
  const before = scene.authority.count('/oauth/revoke');
  const result = await withLoadedFiles(['logout']);
  expect(result.code).toBe(0);
  expect(scene.authority.count('/oauth/revoke')).toBe(before + 1);
  expect(undici(result.loaded)).toEqual([]);
});
