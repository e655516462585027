// What the real Codex CLI 0.171 refuses and what it writes (§1.2, §9.2): refused files name the
// file and the field; every auth_mode it writes is recognised; fields we do not know survive a rewrite.
import { describe, expect, it } from 'vitest';
import { AuthParseError, parseAuth, resolvedMode, serializeAuth, unknownMode } from '../../../src/storage/authSchema.js';
import { findDuplicateKey } from '../../../src/storage/duplicateKeys.js';
import { identityOf } from '../../../src/auth/identity.js';
import { jwtExpiry } from '../../../src/credential/jwt.js';
import { describe as describeIdentity, capabilities } from '../../../src/auth/describe.js';
import { ALICE, chatgptAuthJson, makeJwt } from '../../support/jwt.js';

const FILE = '/home/ada/.codex/auth.json';
const parse = (value: unknown) => parseAuth(typeof value === 'string' ? value : JSON.stringify(value, null, 2), FILE);
const refusal = (value: unknown): string => {
  try {
    parse(value);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthParseError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('files the real CLI refuses', () => {
  it('an API-key record without a key, or with a null or empty one', () => {
    expect(refusal({ auth_mode: 'apikey' })).toBe(`${FILE} is not a valid Codex auth file: API key auth is missing a key ("OPENAI_API_KEY" is missing)`);
    expect(refusal({ auth_mode: 'apikey', OPENAI_API_KEY: null })).toContain('("OPENAI_API_KEY" is null)');
    expect(refusal({ auth_mode: 'apikey', OPENAI_API_KEY: '' })).toContain('("OPENAI_API_KEY" is empty)');
  });

  it('a ChatGPT record whose id_token is not a JWT', () => {
    const auth = chatgptAuthJson(ALICE) as { tokens: { id_token: string } };
    auth.tokens.id_token = 'not-a-jwt';
    expect(refusal(auth)).toBe(`${FILE} is not a valid Codex auth file: invalid ID token format: "tokens.id_token" is not a JWT`);
  });

  it('a repeated key, at any depth, with its position and never a value', () => {
    const text = '{\n  "auth_mode": "apikey",\n  "OPENAI_API_KEY": "sk-proj-first0123456789abcdef",\n  "OPENAI_API_KEY": "sk-proj-second0123456789abcd"\n}';
    const message = refusal(text);
    expect(message).toBe(`${FILE} is not a valid Codex auth file: duplicate key "OPENAI_API_KEY" at line 4, column 3`);
    expect(message).not.toContain('sk-proj-');
    expect(findDuplicateKey('{"tokens":{"a":1,"b":[{"a":1}],"\\u0061":2}}')).toEqual({ key: 'a', line: 1, column: 32 });
    expect(findDuplicateKey('{"a":{"a":1},"b":["a","a"],"c":"\\"a\\""}')).toBeNull();
  });

  it('the other kinds without their credential', () => {
    expect(refusal({ auth_mode: 'personalAccessToken' })).toContain('"personal_access_token"');
    expect(refusal({ auth_mode: 'agentIdentity' })).toContain('"agent_identity"');
    expect(refusal({ auth_mode: 'bedrockApiKey', OPENAI_API_KEY: null })).toContain('"bedrock_api_key.api_key"');
  });
});

describe('every kind 0.171 writes', () => {
  it('an Amazon Bedrock key written by the real TUI', () => {
    const auth = parse({ auth_mode: 'bedrockApiKey', OPENAI_API_KEY: null, bedrock_api_key: { api_key: 'ABSKbedrockkey0123456789XYZAB', region: 'us-east-1' } });
    expect(resolvedMode(auth)).toBe('bedrockApiKey');
    const identity = identityOf(auth);
    expect(identity).toEqual({ kind: 'bedrock', region: 'us-east-1', maskedKey: 'ABSKbedr***XYZAB' });
    expect(describeIdentity(identity).loginStatus).toBe('Logged in using Amazon Bedrock API key');
    expect(serializeAuth(auth)).toContain('"bedrock_api_key": {\n    "api_key": "ABSKbedrockkey0123456789XYZAB",\n    "region": "us-east-1"\n  }');
  });

  it('an auth_mode from a newer release is reported, not refused, and not usable', () => {
    const auth = parse({ auth_mode: 'quantumKey', OPENAI_API_KEY: null, quantum: { k: 1 } });
    expect(resolvedMode(auth)).toBe('unknown');
    expect(unknownMode(auth)).toBe('quantumKey');
    const identity = identityOf(auth);
    expect(describeIdentity(identity).loginStatus).toBe('Signed in with quantumKey, which this codex does not use');
    expect(capabilities(identity).usable).toBe(false);
    expect(JSON.parse(serializeAuth(auth))).toEqual({ auth_mode: 'quantumKey', OPENAI_API_KEY: null, quantum: { k: 1 } });
  });

  it('keeps tokens.oauth_provenance and tokens.login_owner_id on a rewrite', () => {
    const auth = chatgptAuthJson(ALICE) as { tokens: Record<string, unknown> };
    auth.tokens.oauth_provenance = { issuer: 'https://auth.openai.com', client_id: 'app_EMoamEEZ73f0CkXaXp7hrann' };
    auth.tokens.login_owner_id = 'user-alice';
    const rewritten = JSON.parse(serializeAuth(parse(auth)));
    expect(rewritten.tokens.oauth_provenance).toEqual({ issuer: 'https://auth.openai.com', client_id: 'app_EMoamEEZ73f0CkXaXp7hrann' });
    expect(rewritten.tokens.login_owner_id).toBe('user-alice');
  });

  it('an agent identity names the workspace, person and plan of its JWT (hc is Enterprise), its token masked', () => {
    const claims = {
      iss: 'https://chatgpt.com/codex-backend/agent-identity', aud: 'codex-app-server', iat: 1, exp: 2, agent_runtime_id: 'r',
      agent_private_key: 'k', account_id: 'acct-x', chatgpt_user_id: 'user-x', email: 'x@example.com', plan_type: 'hc', chatgpt_account_is_fedramp: false,
    };
    const jwt = makeJwt(claims);
    const auth = parse({ auth_mode: 'agentIdentity', OPENAI_API_KEY: null, agent_identity: jwt });
    expect(identityOf(auth)).toEqual({
      kind: 'agentIdentity', maskedToken: `${jwt.slice(0, 8)}***${jwt.slice(-5)}`, accountId: 'acct-x', email: 'x@example.com', plan: 'enterprise', userId: 'user-x',
    });
    expect(identityOf(parse({ auth_mode: 'agentIdentity', OPENAI_API_KEY: null, agent_identity: makeJwt({ ...claims, plan_type: 'education' }) }))).toMatchObject({ plan: 'edu' });
    // Not an Agent Identity JWT (a claim missing): nothing it says is taken as the workspace.
    expect(identityOf(parse({ auth_mode: 'agentIdentity', OPENAI_API_KEY: null, agent_identity: makeJwt({ account_id: 'acct-x' }) }))).toMatchObject({ accountId: null, plan: 'unknown' });
  });
});

describe('an access token exp outside the date range', () => {
  it('is "no usable expiry", never a date that cannot be printed', () => {
    expect(jwtExpiry(makeJwt({ exp: 1e300 }))).toBeNull();
    expect(jwtExpiry(makeJwt({ exp: -1e300 }))).toBeNull();
    expect(jwtExpiry(makeJwt({ exp: 8.64e12 }))).toBe(8.64e15);
    expect(jwtExpiry(makeJwt({ exp: 8.64e12 + 1 }))).toBeNull();
  });
});
