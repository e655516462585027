// The parts of the Agent Identity check that need no server: where the JWKS lives for a given
// chatgpt_base_url (as 0.171 derives it), which bases it accepts for using a token, and how strictly
// the payload's base64url is read.
import { describe, expect, it } from 'vitest';
import { agentIdentityJwksUrl, isProductionChatgptBase, ONLY_PRODUCTION } from '../../../src/auth/agentIdentityEndpoints.js';
import { decodeBase64UrlStrict } from '../../../src/auth/agentIdentityJwt.js';

describe('the Agent Identity JWKS address', () => {
  it('follows chatgpt_base_url: /wham under /backend-api, else the base itself', () => {
    expect(agentIdentityJwksUrl({}, 'https://chatgpt.com/backend-api/', 'use')).toBe('https://chatgpt.com/backend-api/wham/agent-identities/jwks');
    expect(agentIdentityJwksUrl({}, 'http://127.0.0.1:9/api/codex', 'login')).toBe('http://127.0.0.1:9/api/codex/agent-identities/jwks');
    expect(agentIdentityJwksUrl({}, 'http://127.0.0.1:9/other/', 'login')).toBe('http://127.0.0.1:9/other/agent-identities/jwks');
  });

  it('CODEX_AGENT_IDENTITY_JWKS_BASE_URL replaces the base, but only beside a production chatgpt_base_url', () => {
    const env = { CODEX_AGENT_IDENTITY_JWKS_BASE_URL: 'http://127.0.0.1:9/jwks/' };
    expect(agentIdentityJwksUrl(env, 'https://chatgpt.com/backend-api/', 'login')).toBe('http://127.0.0.1:9/jwks/agent-identities/jwks');
    expect(() => agentIdentityJwksUrl(env, 'http://127.0.0.1:9/backend-api/', 'login')).toThrow(ONLY_PRODUCTION);
    expect(() => agentIdentityJwksUrl({}, 'http://127.0.0.1:9/backend-api/', 'use')).toThrow(ONLY_PRODUCTION);
  });

  it('production and staging bases are https ChatGPT hosts at their root or backend path', () => {
    for (const base of ['https://chatgpt.com/backend-api/', 'https://chatgpt.com', 'https://chat.openai.com/backend-api', 'https://chatgpt-staging.com/', 'https://foo.chatgpt.com/backend-api', 'https://chatgpt.com/backend-api/codex']) {
      expect(isProductionChatgptBase(base), base).toBe(true);
    }
    for (const base of ['http://chatgpt.com/backend-api/', 'https://chatgpt.com.evil.com/backend-api/', 'https://chatgpt.com/wham', 'https://chatgpt.com/api/codex', 'https://openai-staging.com/backend-api/', 'not a url']) {
      expect(isProductionChatgptBase(base), base).toBe(false);
    }
  });
});

describe('decodeBase64UrlStrict', () => {
  it('refuses what the real CLI refuses, in the words of its decoder, where Node would skip or guess', () => {
    expect(decodeBase64UrlStrict('e30')).toEqual({ bytes: Buffer.from('{}') });
    expect(decodeBase64UrlStrict('@@@')).toEqual({ error: 'Invalid symbol 64, offset 0.' });
    expect(decodeBase64UrlStrict('abcde')).toEqual({ error: 'Invalid input length: 5' });
    expect(decodeBase64UrlStrict('abcdef')).toEqual({ error: 'Invalid last symbol 102, offset 5.' });
    expect(decodeBase64UrlStrict('e30=')).toEqual({ error: 'Invalid padding' });
  });
});
