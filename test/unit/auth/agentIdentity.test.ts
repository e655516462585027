// The parts of the Agent Identity check that need no server: where the JWKS lives for a given
// chatgpt_base_url (as 0.171 derives it), which bases it accepts for using a token, and how strictly
// the payload's base64url is read, and how an agent identity reads on screen.
import { describe, expect, it } from 'vitest';
import { agentIdentityJwksUrl, isProductionChatgptBase, ONLY_PRODUCTION } from '../../../src/auth/agentIdentityEndpoints.js';
import { decodeBase64UrlStrict } from '../../../src/auth/agentIdentityJwt.js';
import { describe as describeIdentity } from '../../../src/auth/describe.js';
import { identityOf } from '../../../src/auth/identity.js';

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

describe('how an agent identity reads on screen', () => {
  it('names the account its claims give and shows the token masked like a key', () => {
    const jwt = `eyJhbGciOiJSUzI1NiJ9.${'x'.repeat(40)}.sigABCDE`;
    const stored = { auth_mode: 'agentIdentity' as const, OPENAI_API_KEY: null, agent_identity: jwt };
    const words = describeIdentity(identityOf(stored));
    expect(words.who).toBe('Signed in with an agent identity (eyJhbGci***ABCDE)'); // not an Agent Identity JWT: no account named
    const agent = { kind: 'agentIdentity', maskedToken: 'eyJhbGci***ABCDE', accountId: 'acct-agent', email: 'agent@example.com', plan: 'enterprise', userId: 'u' } as const;
    expect(describeIdentity(agent)).toMatchObject({
      who: 'Signed in as agent@example.com (Enterprise) with an agent identity (eyJhbGci***ABCDE)', loginStatus: 'Logged in using access token',
    });
  });
});
