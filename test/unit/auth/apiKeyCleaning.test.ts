// One cleaning of an API key on every path (src/auth/apiKeyInput.ts): invisible characters and
// typographic quotes go like ASCII ones; what still cannot be a key is refused locally, naming the
// character's position, with no request; "save anyway" only when the network could not be reached.
import { describe, expect, it } from 'vitest';
import { cleanApiKeyInput } from '../../../src/auth/apiKeyInput.js';
import { checkApiKey, normaliseApiKey } from '../../../src/auth/loginApiKey.js';
import { LoginService } from '../../../src/auth/loginService.js';
import { resolveEndpoints } from '../../../src/auth/endpoints.js';
import { describeNetworkError, isNetworkFailure } from '../../../src/http/networkErrors.js';
import { cleanPastedText } from '../../../src/oauth/pastedText.js';

const KEY = 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCDE';

describe('cleaning', () => {
  it.each([
    ['a zero-width space inside', `sk-proj-0123\u200b456789abcdefghijklmnopqrstuvwxyzABCDE`],
    ['a byte-order mark in front', `\ufeff${KEY}`],
    ['a word joiner and a zero-width joiner', `${KEY.slice(0, 10)}\u2060${KEY.slice(10, 20)}\u200d${KEY.slice(20)}`],
    ['curly double quotes', `“${KEY}”`],
    ['curly single quotes', `‘${KEY}’`],
    ['guillemets and a low-9 quote', `«${KEY}»`],
    ['German quotes', `„${KEY}“`],
    ['ASCII quotes, paste markers and a line break', `\x1b[200~ "${KEY}"\r\n\x1b[201~`],
  ])('%s: the key itself', (_name, input) => {
    expect(cleanApiKeyInput(input)).toEqual({ ok: true, key: KEY });
    expect(normaliseApiKey(input)).toBe(KEY);
  });

  it('pasted callback URLs get the same cleaning', () => {
    expect(cleanPastedText('“http://127.0.0.1:1455/auth/callback?code=a\u200b&state=b”')).toBe('http://127.0.0.1:1455/auth/callback?code=a&state=b');
  });

  it('refuses what cannot be a key, naming the position and the character, never the key', () => {
    const nbsp = cleanApiKeyInput(`sk-proj-0123\u00a0456789`);
    expect(nbsp).toMatchObject({ ok: false, reason: 'spaces' });
    expect(!nbsp.ok && nbsp.message).toContain('Character 13 of the key is a no-break space (U+00A0).');
    const accent = cleanApiKeyInput('sk-proj-abcé0123456789');
    expect(accent).toMatchObject({ ok: false, reason: 'invalid' });
    expect(!accent.ok && accent.message).toContain('Character 12 of the key is "é" (U+00E9).');
    expect(!accent.ok && accent.message).not.toContain('sk-proj-abc');
    const dash = cleanApiKeyInput('sk–proj–0123456789abcdef'); // an en dash a word processor made
    expect(!dash.ok && dash.message).toContain('Character 3 of the key is "–" (U+2013).');
    expect(cleanApiKeyInput('sk-proj-\u0007abc')).toMatchObject({ ok: false, reason: 'spaces', message: expect.stringContaining('a control character (U+0007)') });
    expect(cleanApiKeyInput('  \u200b ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(() => normaliseApiKey('sk-proj-abcé0123456789')).toThrow('Character 12 of the key is "é" (U+00E9).');
  });
});

describe('the check with OpenAI', () => {
  const deps = (fetch: typeof globalThis.fetch) => ({ fetch, openaiBaseUrl: 'https://api.openai.com/v1', describeNetworkError });

  it('a request that cannot even be made is refused locally, without "save anyway"', async () => {
    const byteString = async () => {
      throw new TypeError('Cannot convert argument to a ByteString because the character at index 19 has a value of 8203 which is greater than 255.');
    };
    expect(await checkApiKey(KEY, deps(byteString as typeof fetch))).toMatchObject({ status: 'invalid' });
    const nodeHeader = async () => {
      throw Object.assign(new TypeError('Invalid character in header content ["authorization"]'), { code: 'ERR_INVALID_CHAR' });
    };
    expect(await checkApiKey(KEY, deps(nodeHeader as typeof fetch))).toMatchObject({ status: 'invalid' });
  });

  it('only a network failure offers to save the key unverified', async () => {
    const refused = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    };
    expect(await checkApiKey(KEY, deps(refused as typeof fetch))).toMatchObject({ status: 'unreachable' });
    expect(isNetworkFailure(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toBe(true);
    expect(isNetworkFailure(new TypeError('Cannot convert argument to a ByteString'))).toBe(false);
    expect(isNetworkFailure(new Error('something else'))).toBe(false);
  });

  it('LoginService: a key that cannot be one is refused with no request at all', async () => {
    let requests = 0;
    const service = new LoginService({
      auth: { saveChatgptTokens: async () => ({ backend: 'file', location: 'x' }), loginWithApiKey: async () => ({ backend: 'file', location: 'x' }) },
      http: { fetch: (async () => {
        requests++;
        return new Response('{}');
      }) as typeof fetch } as never,
      endpoints: resolveEndpoints({}),
      config: { forced_login_method: null, forced_chatgpt_workspace_id: null, openai_base_url: 'https://api.openai.com/v1' },
      env: {},
    });
    expect(await service.verifyApiKey('sk-proj-abcé0123456789')).toMatchObject({ status: 'invalid', message: expect.stringContaining('Character 12') });
    expect(requests).toBe(0);
    expect(await service.verifyApiKey(`“${KEY}\u200b”`)).toEqual({ status: 'valid' });
    expect(requests).toBe(1);
  });
});
