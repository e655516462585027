// Error text we did not write (authority bodies, undici messages) never shows a secret in full.
import { afterEach, describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../../src/credential/mask.js';
import { classifyRefreshFailure } from '../../../src/auth/refreshErrors.js';
import { describeNetworkError } from '../../../src/http/networkErrors.js';
import { tokenErrorDetail } from '../../../src/oauth/tokenExchange.js';
import { ALICE, chatgptAuthJson, makeAccessToken } from '../../support/jwt.js';
import { createHarness, type Harness } from './harness.js';

const REFRESH = 'rt_0123456789abcdefghijklmnopqrstuv';
const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCDE';

describe('scrubSecrets', () => {
  it('cuts known secrets, JWTs, sk- keys, bearer values and secret URL parameters to a tag', () => {
    const jwt = makeAccessToken(ALICE);
    const text = `bad token ${REFRESH}; id ${jwt}; key ${KEY}; Authorization: Bearer opaque-bearer-value-123; ` +
      'see http://localhost:1455/auth/callback?code=ac_secretcode123&state=st_secretstate';
    const out = scrubSecrets(text, [REFRESH]);
    for (const secret of [REFRESH, jwt, KEY, 'opaque-bearer-value-123', 'ac_secretcode123', 'st_secretstate']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('…stuv');
    expect(out).toContain('sk-proj-***ABCDE');
    expect(scrubSecrets('Code expired')).toBe('Code expired');
  });
});

describe('echoed error bodies', () => {
  it('token exchange: an authority that echoes the code and verifier shows neither', () => {
    const code = 'ac_echoedcode_0123456789';
    const verifier = 'v'.repeat(86);
    const detail = tokenErrorDetail(`{"error_description":"code ${code} does not match verifier ${verifier}"}`, [code, verifier]);
    expect(detail).not.toContain(code);
    expect(detail).not.toContain(verifier);
    expect(detail).toContain('does not match verifier');
  });

  it('refresh: a transient failure body that quotes the refresh token does not show it', () => {
    const error = classifyRefreshFailure(503, `upstream rejected refresh_token=${REFRESH}`, [REFRESH]);
    expect(error.message).toMatch(/^Failed to refresh token: 503: upstream rejected/);
    expect(error.message).not.toContain(REFRESH);
  });

  it('network: undici quoting an invalid Authorization header value does not show the token', () => {
    const token = makeAccessToken(ALICE);
    const error = new TypeError(`Headers.set: "Bearer ${token.slice(0, 20)}\n${token.slice(20)}" is an invalid header value.`);
    const line = describeNetworkError(error, 'https://chatgpt.com/backend-api/wham/usage');
    expect(line).not.toContain(token.slice(0, 20));
    expect(line).not.toContain(token.slice(20));
  });
});

describe('refresh through the real authority', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('a 5xx body echoing the refresh token reaches the notice scrubbed', async () => {
    h = await createHarness();
    const auth = chatgptAuthJson(ALICE, { accessTtlSeconds: -5 });
    await h.writeAuth(auth);
    const refreshToken = auth.tokens.refresh_token;
    h.authority.behavior.refreshFailure = { status: 500, raw: `internal error while rotating ${refreshToken}` };
    const m = h.manager();
    await m.start();
    await expect(m.refresh()).rejects.toThrow(/Failed to refresh token: 500: internal error while rotating/);
    const text = JSON.stringify(m.snapshot());
    expect(text).toContain('internal error while rotating');
    expect(text).not.toContain(refreshToken);
  });
});
