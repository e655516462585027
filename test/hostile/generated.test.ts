// Issue 8, part 3: the generated hostile-input suite. A seeded generator (the same cases every run)
// produces malformed auth.json files, malformed JWTs, hostile config.toml and -c values, hostile
// callback requests, and token and device endpoints that answer HTML, truncated JSON, 200 with
// missing fields, slow bodies and resets. Known fake secrets run through every path and must be
// absent from every output; under umask 000 every file is 0600 and every folder 0700. Mostly in
// process (parse functions, the real store, the AuthManager and LoginService against a loopback
// server); the real binary runs a representative sample. The summary line goes to the README.
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthManager } from '../../src/auth/AuthManager.js';
import { resolveEndpoints } from '../../src/auth/endpoints.js';
import { identityOf } from '../../src/auth/identity.js';
import { jwtExpiry, parseIdTokenClaims } from '../../src/credential/jwt.js';
import { LoginService } from '../../src/auth/loginService.js';
import { loadConfig } from '../../src/config/config.js';
import { createHttpClient } from '../../src/http/client.js';
import { createCredentialStore } from '../../src/storage/createCredentialStore.js';
import { BIN, ROOT, baseEnv, ensureBuilt } from '../cli/runCodex.js';
import { makeJwt } from '../support/jwt.js';
import { loginHarness, manualClock } from '../support/loginHarness.js';

// ---------------------------------------------------------------------------------------------
// Seeded generator, fake secrets, and the checks every output goes through.

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rng = mulberry32(0x8c0de);
const int = (n: number) => Math.floor(rng() * n);
const pick = <T,>(items: readonly T[]): T => items[int(items.length)]!;

/** Fake secrets: each must never appear (beyond what a mask shows) in anything printed or returned. */
const SECRETS = {
  apiKey: 'sk-proj-FAKESECRETapikeyQ7w9e3r5t1y8u2i4o6p0',
  refresh: 'rt_FAKESECRETrefreshZ8x6c4v2b0n9m7l5k3j1',
  access: makeJwt({ exp: 1, note: 'FAKESECRETaccessH3g5f7d9s1a2' }),
  code: 'ac_FAKESECRETcodeP1o2i3u4y5t6r7e8w9q0',
  verifier: 'FAKESECRETverifierM1n2b3v4c5x6z7a8s9d0f1g2',
  newRefresh: 'rt_FAKESECRETnewrefreshK9j8h7g6f5d4s3a2',
  exchangedKey: 'sk-proj-FAKESECRETexchangedL0k9j8h7g6f5d4s3',
};
const SECRET_VALUES = Object.values(SECRETS);
/** What a mask never shows of a secret: everything but its first 8 and last 5 characters. */
const hiddenPart = (secret: string) => secret.slice(8, -5);

// Anything but \n (a line end of our own) is a control character that must not reach a terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const ESCAPES = [
  '\u001b]0;pwned\u0007', '\u001b]52;c;ZXZpbA==\u0007', '\u001b[2J\u001b[H', '\r\n', '\u009b31m', '\u202e', '\u0000', '\u001bP+q\u001b\\',
  '\u0007', '\u001b[?1049h', '\u2028',
];
const hostileString = (): string => {
  const parts = ['eve', pick(ESCAPES), pick(['@example.com', 'x'.repeat(int(3) * 50_000), '', '__proto__', 'constructor'])];
  return parts.sort(() => rng() - 0.5).join(pick(['', pick(ESCAPES)]));
};

interface Summary {
  cases: number;
  failures: string[];
  secretsFound: number;
}
const summary: Summary = { cases: 0, failures: [], secretsFound: 0 };
const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

/** Checks one output string; records failures instead of throwing, so the summary counts them all. */
function checkOutput(where: string, text: string, options: { maxChars?: number; lines?: boolean } = {}): void {
  const body = options.lines ? text.replace(/\n/g, ' ') : text;
  if (CONTROL.test(body)) summary.failures.push(`${where}: control character in ${JSON.stringify(body.slice(0, 200))}`);
  if (options.maxChars !== undefined && text.length > options.maxChars) summary.failures.push(`${where}: ${text.length} characters`);
  for (const secret of SECRET_VALUES) {
    if (text.includes(hiddenPart(secret))) {
      summary.secretsFound++;
      summary.failures.push(`${where}: secret ${secret.slice(0, 12)}… in the output: ${JSON.stringify(text.slice(Math.max(0, text.indexOf(hiddenPart(secret)) - 80), text.indexOf(hiddenPart(secret)) + 60))}`);
    }
  }
}
function fail(where: string, why: string): void {
  summary.failures.push(`${where}: ${why}`);
}
function checkPrototype(where: string): void {
  const now = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  if (now !== protoBefore || ({} as Record<string, unknown>).cli_auth_credentials_store !== undefined) fail(where, 'Object.prototype changed');
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'codex-generated-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  const line = `[hostile] ${summary.cases} cases, ${summary.failures.length} failures, ${summary.secretsFound} secrets found`;
  console.log(line);
  for (const failure of summary.failures.slice(0, 60)) console.log(`  ${failure.slice(0, 300)}`);
});

// ---------------------------------------------------------------------------------------------
// 1,000 malformed auth.json files.

const idTokenWith = (claims: Record<string, unknown>) => makeJwt({ exp: 4_000_000_000, ...claims });
const validChatgpt = (idToken: string) => ({
  auth_mode: 'chatgpt',
  OPENAI_API_KEY: SECRETS.apiKey,
  tokens: { id_token: idToken, access_token: SECRETS.access, refresh_token: SECRETS.refresh, account_id: 'acct-1' },
  last_refresh: new Date(0).toISOString(),
});
const b64 = (text: string) => Buffer.from(text).toString('base64url');

function malformedJwt(): string {
  switch (int(9)) {
    case 0: return pick(['', '.', '..', 'a.b', 'a.b.c.d', 'eyJ', '...']);
    case 1: return `${b64('{"alg":"none"}')}.${b64('not json')}.sig`;
    case 2: return `${b64('{}')}.${b64(pick(['null', '[]', '1', '"s"', 'true']))}.sig`;
    case 3: return `${b64('{}')}.${'%%%%'}.sig`;
    case 4: return idTokenWith({ email: hostileString(), 'https://api.openai.com/auth': { chatgpt_plan_type: pick(['constructor', '__proto__', 'toString', hostileString()]) } });
    case 5: return idTokenWith({ email: pick([42, null, [], {}, true]), 'https://api.openai.com/auth': pick([null, 'str', [], 7]) });
    case 6: return idTokenWith({ exp: pick([1e300, -1e300, 'soon', null, Number.MAX_SAFE_INTEGER]), email: 'a@b.c' });
    case 7: return `${b64('{}')}.${b64('['.repeat(5_000))}.sig`;
    default: return idTokenWith({ 'https://api.openai.com/profile': { email: hostileString() }, 'https://api.openai.com/auth': { chatgpt_account_id: hostileString(), chatgpt_user_id: hostileString() } });
  }
}

type AuthCase = { kind: string; text?: string; special?: 'fifo' | 'devzero' | 'loop' | 'dir' | 'big' };
function malformedAuth(i: number): AuthCase {
  const valid = JSON.stringify(validChatgpt(idTokenWith({ email: 'ada@example.com' })), null, 2);
  if (i % 100 === 99) return { kind: 'special', special: pick(['fifo', 'devzero', 'loop', 'dir', 'big'] as const) };
  switch (i % 11) {
    case 0: return { kind: 'truncated', text: valid.slice(0, int(valid.length)) };
    case 1: return { kind: 'garbage', text: Array.from({ length: 1 + int(400) }, () => String.fromCharCode(int(rng() < 0.3 ? 32 : 0x3000))).join('') };
    case 2: return { kind: 'top-level', text: pick(['[]', '1', '"apikey"', 'null', 'true', '[{"auth_mode":"apikey"}]', '']) };
    case 3: return { kind: 'wrong types', text: JSON.stringify({ auth_mode: pick([1, null, [], {}, 'apikey']), OPENAI_API_KEY: pick([SECRETS.apiKey, 7, {}, [SECRETS.apiKey]]), tokens: pick(['x', 1, [], null, { id_token: 3 }, { access_token: SECRETS.access }]), last_refresh: pick([1, 'yesterday', {}]) }) };
    case 4: return { kind: 'hostile strings', text: JSON.stringify({ auth_mode: pick(['apikey', hostileString(), `chatgpt${pick(ESCAPES)}`]), OPENAI_API_KEY: pick([hostileString(), `${SECRETS.apiKey}${pick(ESCAPES)}`]), [hostileString()]: hostileString() }) };
    case 5: return { kind: 'prototype keys', text: pick([`{"__proto__":{"auth_mode":"apikey","OPENAI_API_KEY":"${SECRETS.apiKey}"}}`, '{"constructor":{"prototype":{"polluted":1}},"auth_mode":"apikey","OPENAI_API_KEY":"sk-x"}', `{"auth_mode":"chatgpt","tokens":{"__proto__":{"refresh_token":"${SECRETS.refresh}"}}}`, '{"toString":"x","valueOf":1,"auth_mode":"hasOwnProperty"}']) };
    case 6: return { kind: 'malformed JWT', text: JSON.stringify(validChatgpt(malformedJwt())) };
    case 7: return { kind: 'hostile claims', text: JSON.stringify(validChatgpt(idTokenWith({ email: hostileString(), 'https://api.openai.com/auth': { chatgpt_plan_type: pick(['constructor', '__proto__', 'toString', 'plus', hostileString()]), chatgpt_account_id: hostileString() } }))) };
    case 8: return { kind: 'almost JSON', text: pick([`\ufeff${valid}`, `${valid}garbage`, `${valid}\n// comment`, valid.replace('"chatgpt"', 'NaN'), valid.replace(/"/g, "'"), `${valid}${valid}`]) };
    case 9: return { kind: 'deep nesting', text: `${'{"a":'.repeat(2_000 + int(20_000))}1${'}'.repeat(int(3) === 0 ? 10 : 0)}` };
    default: return { kind: 'duplicate and unknown keys', text: `{"auth_mode":"apikey","OPENAI_API_KEY":"${SECRETS.apiKey}","OPENAI_API_KEY":"${hostileString().replace(/["\\]/g, '')}","${pick(['tokens', 'extra'])}":{"x":${pick(['1', '[]', '"\\u001b[2J"'])}}}` };
  }
}

function writeAuthCase(home: string, c: AuthCase): void {
  const path = join(home, 'auth.json');
  rmSync(path, { force: true, recursive: true });
  switch (c.special) {
    case 'fifo': execFileSync('mkfifo', [path]); return;
    case 'devzero': symlinkSync('/dev/zero', path); return;
    case 'loop': symlinkSync(path, path); return;
    case 'dir': mkdirSync(path); return;
    case 'big': writeFileSync(path, `{"auth_mode":"apikey","pad":"${'x'.repeat(1_100_000)}"}`, { mode: 0o600 }); return;
    default: writeFileSync(path, c.text!, { mode: 0o600 });
  }
}

const AUTH_CASES = Array.from({ length: 1_000 }, (_, i) => malformedAuth(i));

describe('generated hostile inputs', () => {
  it('1,000 malformed auth.json: loaded or refused with a safe message; a save never loses the file', async () => {
    const failuresBefore = summary.failures.length;
    const home = join(root, 'auth-cases');
    mkdirSync(home, { mode: 0o700 });
    for (const [i, c] of AUTH_CASES.entries()) {
      summary.cases++;
      const where = `auth.json #${i} (${c.kind}${c.special ? `: ${c.special}` : ''})`;
      writeAuthCase(home, c);
      const store = createCredentialStore({ codexHome: home, mode: 'file' });
      const started = Date.now();
      let loadError: Error | null = null;
      try {
        const stored = await store.load();
        if (stored) {
          const identity = identityOf(stored.auth);
          checkOutput(where, JSON.stringify(identity), { maxChars: 4_000 });
        }
      } catch (error) {
        loadError = error as Error;
        if (!(error instanceof Error)) fail(where, `threw a non-error ${String(error)}`);
        else checkOutput(where, error.message, { maxChars: 2_100 });
        if (c.special && !loadError.message.includes(join(home, 'auth.json'))) fail(where, `message does not name the file: ${loadError.message}`);
      }
      for (const warning of store.warnings) checkOutput(where, warning);
      // Only a pathological parse takes this long (a load takes milliseconds); 20 s leaves room for a
      // loaded machine's pauses.
      if (Date.now() - started > 20_000) fail(where, `load took ${Date.now() - started} ms`);
      checkPrototype(where);

      // Every 10th case (and every special one) a sign-in saves over it.
      if (i % 10 === 0 || c.special) {
        const before = c.special ? null : readFileSync(join(home, 'auth.json'));
        const key = `sk-proj-saved${i}-0123456789abcdef`;
        const saved = await store.transaction((tx) => tx.save({ auth_mode: 'apikey', OPENAI_API_KEY: key } as never)).then(() => true, (error: Error) => {
          checkOutput(where, error.message, { maxChars: 2_100 });
          return false;
        });
        if (saved) {
          const now = JSON.parse(readFileSync(join(home, 'auth.json'), 'utf8'));
          if (now.OPENAI_API_KEY !== key) fail(where, 'the saved key is not in auth.json');
          if ((statSync(join(home, 'auth.json')).mode & 0o777) !== 0o600) fail(where, 'auth.json is not 0600 after a save');
          if (loadError && before) {
            const aside = readdirSync(home).filter((n) => n.startsWith('auth.json.invalid-'));
            if (!aside.some((n) => readFileSync(join(home, n)).equals(before))) fail(where, 'the malformed file was not kept');
          }
        } else if (!c.special) {
          fail(where, 'a sign-in could not replace a malformed file');
        }
        for (const name of readdirSync(home)) if (name.startsWith('auth.json.invalid-')) rmSync(join(home, name));
      }
    }
    expect(summary.failures.slice(failuresBefore)).toEqual([]);
  }, 120_000);

  it('300 malformed JWTs: claims are parsed or refused, never unsafe, never a crash', () => {

    const failuresBefore = summary.failures.length;
    for (let i = 0; i < 300; i++) {
      summary.cases++;
      const where = `JWT #${i}`;
      const token = malformedJwt();
      try {
        const claims = parseIdTokenClaims(token);
        checkOutput(where, JSON.stringify(claims), { maxChars: 2_000 });
      } catch (error) {
        if ((error as Error).name !== 'Error' && !(error as Error).message.startsWith('invalid ID token format')) fail(where, `threw ${(error as Error).message}`);
        checkOutput(where, (error as Error).message);
      }
      const exp = jwtExpiry(token);
      if (exp !== null && (!Number.isFinite(exp) || Number.isNaN(new Date(exp).getTime()))) fail(where, `expiry ${exp}`);
      try {
        checkOutput(where, JSON.stringify(identityOf(validChatgpt(token) as never)), { maxChars: 4_000 });
      } catch (error) {
        fail(where, `identityOf threw ${(error as Error).message}`);
      }
    }
    expect(summary.failures.slice(failuresBefore)).toEqual([]);
  });

  it('300 hostile config.toml files and -c overrides: loaded or refused with a safe message; Object.prototype untouched', async () => {

    const failuresBefore = summary.failures.length;
    const home = join(root, 'config-cases');
    mkdirSync(home, { mode: 0o700 });
    const keys = ['cli_auth_credentials_store', 'forced_login_method', 'forced_chatgpt_workspace_id', 'chatgpt_base_url', 'openai_base_url', 'model_provider'];
    const segment = () => pick(['__proto__', 'constructor', 'prototype', 'toString', 'model_providers', 'a', pick(keys), hostileString().slice(0, 20)]);
    const value = () => pick(['"ephemeral"', '"file"', '1', '[1, "a"]', '{ a = 1 }', `"${pick(ESCAPES).replace(/[\u0000-\u001f\\"]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`, '"https://evil.example/\\u001b]0;t\\u0007"', `"${'x'.repeat(int(2) * 100_000)}"`, 'nan', '"a,b"', `"${SECRETS.apiKey}"`]);
    for (let i = 0; i < 300; i++) {
      summary.cases++;
      const where = `config #${i}`;
      const fileText =
        i % 3 === 0
          ? ''
          : pick([
              () => `${pick(keys)} = ${value()}\n`,
              () => `[${segment()}]\n${segment()} = ${value()}\n`,
              () => `${segment()}.${segment()} = ${value()}\n`,
              () => `"__proto__" = { ${pick(keys)} = ${value()} }\n`,
              () => `${pick(keys)} = ${value()}\n${pick(keys)} = ${value()}\n`,
              () => Array.from({ length: 1 + int(200) }, () => String.fromCharCode(int(0x250))).join(''),
              () => `${'['.repeat(1 + int(3_000))}`,
              () => `model_providers.${segment()}.requires_openai_auth = ${pick(['true', 'false', '"yes"'])}\n`,
            ])();
      writeFileSync(join(home, 'config.toml'), fileText);
      const overrides = i % 2 === 0 ? [] : Array.from({ length: 1 + int(3) }, () => `${Array.from({ length: 1 + int(3) }, segment).join('.')}=${pick([value(), hostileString().slice(0, 40), 'ephemeral', ''])}`);
      try {
        const config = await loadConfig({ codexHome: home, overrides });
        checkOutput(where, JSON.stringify([config.cli_auth_credentials_store, config.forced_login_method]));
      } catch (error) {
        if ((error as Error).name !== 'Error' && (error as Error).constructor.name !== 'ConfigError') fail(where, `threw ${(error as Error).constructor.name}`);
        checkOutput(where.replace('#', '# error '), (error as Error).message, { maxChars: 2_100 });
      }
      checkPrototype(where);
    }
    expect(summary.failures.slice(failuresBefore)).toEqual([]);
  });

  it('200 hostile callback requests: refused without ending the sign-in; the real callback still completes', async () => {

    const failuresBefore = summary.failures.length;
    const h = await loginHarness();
    try {
      const attempt = await h.login.startBrowserLogin({ openBrowser: false });
      let settled = false;
      attempt.done.then(() => (settled = true), () => (settled = true));
      const send = (method: string, path: string, host: string | null, headers: Record<string, string> = {}) =>
        new Promise<{ status: number; body: string }>((resolve) => {
          const req = request({ host: '127.0.0.1', port: attempt.port, method, path, setHost: false, headers: { ...(host === null ? {} : { host }), connection: 'close', ...headers } }, (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode!, body }));
            res.on('error', () => resolve({ status: -1, body }));
          });
          req.on('error', () => resolve({ status: -1, body: '' }));
          req.end();
        });
      const own = `localhost:${attempt.port}`;
      for (let i = 0; i < 180; i++) {
        summary.cases++;
        const where = `callback request #${i}`;
        const host = pick([own, `127.0.0.1:${attempt.port}`, 'evil.com', `evil.com:${attempt.port}`, `localhost:${attempt.port}.evil.com`, null, '', `LOCALHOST:${attempt.port}`]);
        const ownHost = host !== null && host.toLowerCase() === own.toLowerCase() || host === `127.0.0.1:${attempt.port}`;
        const query = new URLSearchParams();
        if (rng() < 0.7) query.set('code', pick([SECRETS.code, hostileString().slice(0, 100), '']));
        if (rng() < 0.7) query.set('state', pick(['wrong', '', hostileString().slice(0, 50), 'a'.repeat(5_000)]));
        if (rng() < 0.3) query.set('error', pick(['access_denied', hostileString().slice(0, 80)]));
        if (rng() < 0.3) query.set('error_description', hostileString().slice(0, 200));
        const path = pick(['/auth/callback', '/auth/callback/', '/success', '/cancel/', '/', '/%2e%2e/etc/passwd', `/${'a'.repeat(3_000)}`, '/auth//callback', '/AUTH/CALLBACK']);
        const method = pick(['GET', 'GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
        const { status, body } = await send(method, `${path}?${query}`, host);
        if (status === 200 || status === 302) fail(where, `answered ${status} to ${method} ${path} Host ${host}`);
        if (!ownHost && status !== 403 && status !== 400 && status !== -1) fail(where, `foreign Host ${host} got ${status}`);
        checkOutput(where, body, { lines: true });
        if (settled) {
          fail(where, 'the sign-in ended');
          break;
        }
      }
      // Raw bytes that are not HTTP at all.
      for (let i = 0; i < 20; i++) {
        summary.cases++;
        await new Promise<void>((resolve) => {
          const socket = connect(attempt.port, '127.0.0.1', () => {
            socket.end(Buffer.from(Array.from({ length: 1 + int(2_000) }, () => int(256))));
          });
          socket.on('data', () => undefined);
          socket.on('close', () => resolve());
          socket.on('error', () => resolve());
        });
      }
      summary.cases++;
      if (settled) fail('callback', 'the sign-in ended before its real callback');
      const authorize = await fetch(attempt.authUrl, { redirect: 'manual' });
      const callback = new URL(authorize.headers.get('location')!);
      const final = await send('GET', `${callback.pathname}${callback.search}`, callback.host);
      if (final.status !== 302) fail('callback', `the real callback got ${final.status}`);
      await send('GET', '/success', callback.host);
      await attempt.done;
    } finally {
      await h.close();
    }
    expect(summary.failures.slice(failuresBefore)).toEqual([]);
  }, 60_000);

  it('token and device endpoints that answer HTML, truncated JSON, 200 with missing fields, slow bodies and resets', async () => {

    const failuresBefore = summary.failures.length;
    const MODES = ['html', 'html500', 'truncated', 'missing', 'wrongTypes', 'nullJson', 'escape400', 'echo500', 'huge500', 'slow', 'reset', 'resetEarly', 'notJwt'] as const;
    const TARGETS = ['usercode', 'devicePoll', 'deviceExchange', 'apiKeyExchange', 'browserExchange', 'refresh'] as const;
    type Mode = (typeof MODES)[number];
    type Target = (typeof TARGETS)[number];
    let current: { target: Target; mode: Mode } = { target: 'usercode', mode: 'html' };
    const idToken = idTokenWith({ email: 'ada@example.com', 'https://api.openai.com/auth': { chatgpt_plan_type: 'plus', chatgpt_account_id: 'acct-1' } });
    const good = (which: string) =>
      which === 'usercode' ? { device_auth_id: 'dev-1', user_code: 'ABCD-1234', interval: '0' }
      : which === 'devicePoll' ? { authorization_code: SECRETS.code, code_verifier: SECRETS.verifier }
      : which === 'apiKeyExchange' ? { access_token: SECRETS.exchangedKey }
      : { id_token: idToken, access_token: makeJwt({ exp: 4_000_000_000 }), refresh_token: SECRETS.newRefresh };
    const hostile = (res: ServerResponse, mode: Mode, echo: string) => {
      const json = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      };
      switch (mode) {
        case 'html': return void (res.writeHead(200, { 'content-type': 'text/html' }), res.end(`<html><body>Sign in \u001b]0;t\u0007 ${echo}</body></html>`));
        case 'html500': return void (res.writeHead(502, { 'content-type': 'text/html' }), res.end(`<html><h1>502 Bad Gateway</h1>${echo}\u001b[2J</html>`));
        case 'truncated': return json(200, JSON.stringify(good(current.target)).slice(0, 25));
        case 'missing': return json(200, '{}');
        case 'wrongTypes': return json(200, JSON.stringify({ id_token: 1, access_token: [], refresh_token: {}, device_auth_id: 7, user_code: null, authorization_code: false, code_verifier: 2, interval: {} }));
        case 'nullJson': return json(200, 'null');
        case 'escape400': return json(400, JSON.stringify({ error: { message: `bad \u001b]52;c;ZXZpbA==\u0007 ${echo}`, code: 'constructor' }, error_description: `\u001b[2J${echo}` }));
        case 'echo500': return json(500, echo);
        case 'huge500': return json(500, `${echo}${'x'.repeat(5 * 1024 * 1024)}`);
        case 'slow': {
          res.writeHead(200, { 'content-type': 'application/json' });
          const body = JSON.stringify(good(current.target));
          let sent = 0;
          const step = () => {
            if (res.destroyed) return;
            if (sent >= body.length) return void res.end();
            res.write(body.slice(sent, sent + 16));
            sent += 16;
            setImmediate(step);
          };
          return step();
        }
        case 'reset': res.writeHead(200, { 'content-type': 'application/json', 'content-length': 500 }); res.write('{"access_token":"'); return void setImmediate(() => res.socket?.destroy());
        case 'resetEarly': return void res.socket?.destroy();
        case 'notJwt': return json(200, JSON.stringify({ ...good(current.target), id_token: 'not.a.jwt', access_token: 'plain' }));
      }
    };
    const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const url = new URL(req.url!, 'http://x');
        const grant = /grant_type=([^&]+)/.exec(body)?.[1] ?? (body.includes('"refresh_token"') ? 'refresh_token' : '');
        const which =
          url.pathname.endsWith('/deviceauth/usercode') ? 'usercode'
          : url.pathname.endsWith('/deviceauth/token') ? 'devicePoll'
          : url.pathname === '/oauth/revoke' ? 'revoke'
          : grant.includes('token-exchange') ? 'apiKeyExchange'
          : grant === 'refresh_token' ? 'refresh'
          : 'exchange';
        const targeted = which === current.target || (which === 'exchange' && (current.target === 'deviceExchange' || current.target === 'browserExchange'));
        if (targeted) return hostile(res, current.mode, body);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(good(which)));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      let n = 0;
      for (const target of TARGETS) {
        for (const mode of MODES) {
          summary.cases++;
          current = { target, mode };
          const where = `endpoint ${target}/${mode}`;
          const home = join(root, `endpoint-${n++}`);
          mkdirSync(home, { mode: 0o700 });
          const stored = { ...validChatgpt(idToken), tokens: { ...validChatgpt(idToken).tokens, access_token: makeJwt({ exp: 1 }) } };
          if (target === 'refresh') writeFileSync(join(home, 'auth.json'), JSON.stringify(stored), { mode: 0o600 });
          const before = existsSync(join(home, 'auth.json')) ? readFileSync(join(home, 'auth.json')) : null;
          const store = createCredentialStore({ codexHome: home, mode: 'file' });
          const http = createHttpClient({ env: {} });
          const endpoints = resolveEndpoints({ CODEX_AUTH_ISSUER: issuer });
          const auth = new AuthManager({ store, http, endpoints, clock: { sleep: async () => undefined } });
          const logs: string[] = [];
          const login = new LoginService({
            auth, http, endpoints, env: {}, loginPort: 0, clock: manualClock(), log: (line) => logs.push(line),
            config: { forced_login_method: null, forced_chatgpt_workspace_id: null, openai_base_url: `${issuer}/v1` },
          });
          let outcome: 'ok' | Error;
          const timeout = new Promise<Error>((resolve) => setTimeout(() => resolve(new Error('TIMEOUT')), 15_000).unref());
          const run = async (): Promise<'ok'> => {
            if (target === 'refresh') {
              await auth.start();
              await auth.refresh();
            } else if (target === 'browserExchange') {
              const attempt = await login.startBrowserLogin({ openBrowser: false });
              const state = new URL(attempt.authUrl).searchParams.get('state');
              await attempt.submitCallbackUrl(`http://localhost:${attempt.port}/auth/callback?code=${SECRETS.code}&state=${state}`);
            } else {
              const attempt = await login.startDeviceLogin();
              await attempt.done;
            }
            return 'ok';
          };
          outcome = await Promise.race([run().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))), timeout]);
          auth.dispose();
          if (outcome instanceof Error) {
            if (outcome.message === 'TIMEOUT') fail(where, 'did not finish in 15 s');
            checkOutput(where, outcome.message, { maxChars: 1_000 });
            const after = existsSync(join(home, 'auth.json')) ? readFileSync(join(home, 'auth.json')) : null;
            if (target === 'refresh' ? !after?.equals(before!) : after !== null) fail(where, 'a failure changed auth.json');
          } else {
            // Success is only right when the hostile answer still carried what was needed.
            // A refresh answer's fields are all optional (the real CLI keeps what is missing); a usercode or poll
            // answer does not carry tokens at all.
            const expectedOk = mode === 'slow' || target === 'apiKeyExchange'
              || (target === 'refresh' && ['missing', 'wrongTypes', 'nullJson'].includes(mode))
              || (mode === 'notJwt' && (target === 'usercode' || target === 'devicePoll'));
            if (!expectedOk) fail(where, 'succeeded on a hostile answer');
            const saved = JSON.parse(readFileSync(join(home, 'auth.json'), 'utf8'));
            if (target === 'apiKeyExchange' && mode !== 'slow' && saved.OPENAI_API_KEY) fail(where, `saved an API key from a hostile answer: ${String(saved.OPENAI_API_KEY).slice(0, 12)}`);
            if (target === 'refresh' && mode !== 'slow' && saved.tokens?.refresh_token !== SECRETS.refresh) fail(where, 'the refresh token was lost');
          }
          for (const line of [...logs, ...store.warnings, ...auth.snapshot().notices.map((notice) => notice.message)]) checkOutput(where, line);
        }
      }
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    expect(summary.failures.slice(failuresBefore)).toEqual([]);
  }, 120_000);

  describe('the real binary', () => {
    beforeAll(() => ensureBuilt());

    // Only a hang guard: a run takes well under a second, but Node's cold start on a loaded 2-core
    // machine has taken many seconds.
    const RUN_LIMIT_MS = 60_000;
    /** How many codex processes run at once: 40 at once on 2 busy cores outlasted any fixed bound. */
    const POOL = 4;
    const run = (args: string[], options: { env: Record<string, string | undefined>; input?: string; umask?: boolean }) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const env = Object.fromEntries(Object.entries(options.env).filter((e): e is [string, string] => e[1] !== undefined));
        const child = options.umask
          ? spawn('/bin/sh', ['-c', 'umask 000 && exec "$0" "$@"', process.execPath, BIN, ...args], { cwd: ROOT, env })
          : spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.stdin.on('error', () => undefined);
        child.stdin.end(options.input ?? '');
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`codex ${args.join(' ')} hung`));
        }, RUN_LIMIT_MS);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, stderr });
        });
      });

    const sample = AUTH_CASES.filter((_, i) => i % 25 === 7 || i % 100 === 99).slice(0, 40);
    const OVERRIDES = 10;
    // 90 runs that take about 10 s together on an idle machine; 5 minutes only bounds a hang.
    const sampleLimit = 5 * 60_000;
    it('a sample of 40 malformed auth.json and 10 hostile -c through login status (plain and --json)', async () => {

      const failuresBefore = summary.failures.length;
      const check = async (c: (typeof sample)[number], i: number) => {
        const home = join(root, `bin-${i}`);
        mkdirSync(home, { mode: 0o700 });
        writeAuthCase(home, c);
        for (const args of [['login', 'status'], ['login', 'status', '--json']]) {
          summary.cases++;
          const where = `codex ${args.join(' ')} on ${c.kind}`;
          const result = await run(args, { env: baseEnv(home) }).catch((error: Error) => ({ code: -1, stdout: '', stderr: error.message }));
          if (result.code !== 0 && result.code !== 1) fail(where, `exit ${result.code}: ${result.stderr.slice(0, 300)}`);
          checkOutput(where, result.stdout + result.stderr, { lines: true });
          if (args.includes('--json')) {
            try {
              JSON.parse(result.stdout);
            } catch {
              fail(where, `--json printed no JSON: ${result.stdout.slice(0, 200)}`);
            }
          }
        }
      };
      let next = 0;
      const worker = async () => {
        while (next < sample.length) {
          const i = next++;
          await check(sample[i]!, i);
        }
      };
      await Promise.all(Array.from({ length: POOL }, worker));
      const home = join(root, 'bin-overrides');
      mkdirSync(home, { mode: 0o700 });
      for (let i = 0; i < OVERRIDES; i++) {
        summary.cases++;
        const override = `${pick(['__proto__', 'constructor', 'a.prototype', 'cli_auth_credentials_store', `x${pick(ESCAPES)}`])}.${pick(['cli_auth_credentials_store', 'polluted'])}=${pick(['ephemeral', hostileString().slice(0, 60)])}`;
        const result = await run(['-c', override.replace(/\0/g, ''), 'login', 'status'], { env: baseEnv(home) }); // argv holds no NUL
        checkOutput(`codex -c ${JSON.stringify(override)}`, result.stdout + result.stderr, { lines: true });
      }
      expect(summary.failures.slice(failuresBefore)).toEqual([]);
    }, sampleLimit);

    it('under umask 000 every file is 0600 and every folder 0700: sign-in, set-aside, status, logout, sign-in', async () => {

      const failuresBefore = summary.failures.length;
      const home = join(root, 'umask-home');
      mkdirSync(home, { mode: 0o700 });
      const env = { ...baseEnv(home), CODEX_HOME: undefined };
      const codexHome = join(home, '.codex');
      const steps: [string[], string | undefined][] = [
        [['login', '--with-api-key'], SECRETS.apiKey],
        [['login', 'status'], undefined],
        [['logout'], undefined],
        [['login', '--with-api-key'], SECRETS.apiKey],
      ];
      for (const [i, [args, input]] of steps.entries()) {
        summary.cases++;
        if (i === 3) writeFileSync(join(codexHome, 'auth.json'), '{ malformed', { mode: 0o666 });
        const result = await run(args, { env, input, umask: true });
        checkOutput(`umask 000: codex ${args.join(' ')}`, result.stdout + result.stderr, { lines: true });
        if (result.code !== 0 && !(args[0] === 'login' && args[1] === 'status')) fail(`umask 000: codex ${args.join(' ')}`, `exit ${result.code}: ${result.stderr}`);
      }
      const walk = (dir: string): void => {
        const mode = lstatSync(dir).mode & 0o777;
        if (mode !== 0o700) fail('umask 000', `${dir} is ${mode.toString(8)}`);
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          const stat = lstatSync(path);
          if (stat.isDirectory()) walk(path);
          else if ((stat.mode & 0o777) !== 0o600) fail('umask 000', `${path} is ${(stat.mode & 0o777).toString(8)}`);
        }
      };
      walk(codexHome);
      const names = readdirSync(codexHome).sort();
      if (!names.includes('auth.json') || !names.some((n) => n.startsWith('auth.json.invalid-'))) fail('umask 000', `files: ${names.join(', ')}`);
      expect(summary.failures.slice(failuresBefore)).toEqual([]);
    }, (4 + 1) * RUN_LIMIT_MS); // its 4 runs at their hang guard, and one more for the rest
  });
});
