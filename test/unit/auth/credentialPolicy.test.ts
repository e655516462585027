// forced_login_method / forced_chatgpt_workspace_id applied to stored credentials (§11.3, §9.2): the
// reasons are the real CLI's words without "Logging out."; Bedrock counts as an API key, as in 0.171.
import { describe, expect, it } from 'vitest';
import { API_KEY_REQUIRED, CHATGPT_REQUIRED, policyViolation } from '../../../src/auth/credentialPolicy.js';
import type { Identity } from '../../../src/auth/types.js';

const chatgpt = (accountId: string | null): Extract<Identity, { kind: 'chatgpt' }> => ({
  kind: 'chatgpt', email: 'ada@example.com', plan: 'plus', accountId, userId: 'u', accessTokenExpiresAt: null, lastRefresh: null, maskedApiKey: null,
});
const apiKey: Identity = { kind: 'apiKey', maskedKey: 'sk-proj-***ABCDE' };
const bedrock: Identity = { kind: 'bedrock', region: 'us-east-1', maskedKey: null };
const pat: Identity = { kind: 'accessToken', maskedToken: '***' };
const agent: Identity = { kind: 'agentIdentity', maskedToken: 'eyJhbGci***ABCDE', accountId: 'acct-agent', email: null, plan: 'plus', userId: 'user-agent' };
const none = { forcedLoginMethod: null, forcedWorkspaceIds: null } as const;

describe('policyViolation', () => {
  it('allows everything without a policy', () => {
    for (const identity of [chatgpt('a'), apiKey, bedrock, pat, agent]) expect(policyViolation(identity, none)).toBeNull();
  });

  it('forced_login_method = "api" forbids ChatGPT, access tokens and agent identities', () => {
    const policy = { ...none, forcedLoginMethod: 'api' } as const;
    expect(policyViolation(chatgpt('a'), policy)).toBe('API key login is required, but ChatGPT is currently being used.');
    expect(policyViolation({ ...chatgpt('a'), kind: 'externalTokens' }, policy)).toBe(API_KEY_REQUIRED);
    expect(policyViolation(pat, policy)).toBe(API_KEY_REQUIRED);
    expect(policyViolation(agent, policy)).toBe(API_KEY_REQUIRED);
    expect(policyViolation(apiKey, policy)).toBeNull();
    expect(policyViolation(bedrock, policy)).toBeNull();
  });

  it('forced_login_method = "chatgpt" forbids API keys, Bedrock included', () => {
    const policy = { ...none, forcedLoginMethod: 'chatgpt' } as const;
    expect(policyViolation(apiKey, policy)).toBe('ChatGPT login is required, but an API key is currently being used.');
    expect(policyViolation(bedrock, policy)).toBe(CHATGPT_REQUIRED);
    expect(policyViolation(chatgpt('a'), policy)).toBeNull();
    expect(policyViolation(pat, policy)).toBeNull();
  });

  it('forced_chatgpt_workspace_id: the account must be one of them; keys and access tokens pass', () => {
    const policy = { ...none, forcedWorkspaceIds: ['ws-1', 'ws-2'] };
    expect(policyViolation(chatgpt('ws-2'), policy)).toBeNull();
    expect(policyViolation(chatgpt('acct-other'), policy)).toBe('Login is restricted to workspace(s) ws-1, ws-2, but current credentials belong to acct-other.');
    expect(policyViolation(chatgpt(null), policy)).toBe('Login is restricted to workspace(s) ws-1, ws-2, but current credentials lack a workspace identifier.');
    expect(policyViolation(agent, policy)).toContain('belong to acct-agent.');
    expect(policyViolation(apiKey, policy)).toBeNull();
    expect(policyViolation(bedrock, policy)).toBeNull();
    expect(policyViolation(pat, policy)).toBeNull();
    expect(policyViolation(chatgpt('x'), { ...none, forcedWorkspaceIds: [] })).toBeNull();
  });
});
