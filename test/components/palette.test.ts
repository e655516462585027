import { describe, expect, it } from 'vitest';
import { COMMANDS, availableCommands, unavailableReason } from '../../screens/commands.js';
import { closestCommand, filterCommands, findCommand, parseCommandLine } from '../../components/palette/match.js';
import type { Identity } from '../../src/auth/types.js';
import { apiKeySnapshot, chatgptSnapshot, signedInSnapshot, signedOutSnapshot } from '../support/fakeServices.js';

const names = (list: { name: string }[]) => list.map((c) => c.name);

describe('command availability', () => {
  it('signed in with ChatGPT: everything', () => {
    expect(names(availableCommands(chatgptSnapshot()))).toEqual(['status', 'usage', 'login', 'logout', 'help', 'quit']);
  });
  it('API key: no ChatGPT-only commands, with the reason', () => {
    const snapshot = apiKeySnapshot();
    expect(names(availableCommands(snapshot))).not.toContain('usage');
    expect(unavailableReason(findCommand('usage', COMMANDS)!, snapshot)).toBe('/usage needs a ChatGPT sign-in; this session uses an API key.');
  });
  // /usage reads the ChatGPT usage endpoint: offered exactly where there is a ChatGPT account.
  it.each<[Identity, string | null]>([
    [{ kind: 'accessToken', maskedToken: 'at-***12345' }, 'a personal access token'],
    [{ kind: 'agentIdentity', maskedToken: 'eyJhbGci***ABCDE', accountId: null, email: null, plan: 'unknown', userId: null }, 'an agent identity'],
    [{ kind: 'bedrock', region: 'us-east-1', maskedKey: null }, 'an Amazon Bedrock API key'],
    [{ kind: 'unknown', mode: 'futureMode' }, 'a "futureMode" sign-in'],
    [chatgptSnapshot({ kind: 'externalTokens' }).identity, null],
  ])('/usage with %o', (identity, uses) => {
    const reason = unavailableReason(findCommand('usage', COMMANDS)!, signedInSnapshot(identity));
    expect(reason).toBe(uses === null ? null : `/usage needs a ChatGPT sign-in; this session uses ${uses}.`);
  });
  it('signed out: no logout, no usage', () => {
    const snapshot = signedOutSnapshot();
    expect(names(availableCommands(snapshot))).toEqual(['status', 'login', 'help', 'quit']);
    expect(unavailableReason(findCommand('logout', COMMANDS)!, snapshot)).toBe('/logout needs you to be signed in.');
  });
});

describe('matching', () => {
  it('puts prefix matches first, then fuzzy subsequence matches', () => {
    expect(names(filterCommands('lo', COMMANDS))).toEqual(['login', 'logout']);
    expect(names(filterCommands('q', COMMANDS))).toEqual(['quit']);
    expect(names(filterCommands('s', COMMANDS))[0]).toBe('status');
    expect(names(filterCommands('ut', COMMANDS))).toEqual(['logout', 'quit']);
  });
  it('matches aliases: /exit finds quit, /switch finds login', () => {
    expect(findCommand('exit', COMMANDS)?.name).toBe('quit');
    expect(names(filterCommands('ex', COMMANDS))).toEqual(['quit']);
    expect(findCommand('switch', COMMANDS)?.name).toBe('login');
  });
  it('suggests the closest command for a typo', () => {
    expect(closestCommand('statsu', COMMANDS)?.name).toBe('status');
    expect(closestCommand('hepl', COMMANDS)?.name).toBe('help');
    expect(closestCommand('logot', COMMANDS)?.name).toBe('logout');
  });
  it('suggests nothing for a word that is no typo of any command', () => {
    expect(closestCommand('foo', COMMANDS)).toBeUndefined();
    expect(closestCommand('deploy', COMMANDS)).toBeUndefined();
  });
  it('parses a command line', () => {
    expect(parseCommandLine('  /status now ')).toEqual({ name: 'status', args: 'now' });
    expect(parseCommandLine('hello')).toBeNull();
  });
});
