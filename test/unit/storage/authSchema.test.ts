// auth.json format (§1.2): mode resolution, field order on write, unknown fields kept.
import { describe, expect, it } from 'vitest';
import { parseAuth, resolvedMode, serializeAuth } from '../../../src/storage/authSchema.js';

describe('auth.json schema', () => {
  it('resolves the mode like the real CLI when auth_mode is missing', () => {
    expect(resolvedMode(parseAuth('{"auth_mode":"chatgpt","OPENAI_API_KEY":"sk-x"}', 'f'))).toBe('chatgpt');
    expect(resolvedMode(parseAuth('{"OPENAI_API_KEY":null,"personal_access_token":"at-1"}', 'f'))).toBe('personalAccessToken');
    // A legacy ChatGPT file with an exchanged key and no auth_mode loads as an API key.
    expect(resolvedMode(parseAuth('{"OPENAI_API_KEY":"sk-x","tokens":{"id_token":"a","access_token":"b","refresh_token":"c"}}', 'f'))).toBe('apikey');
    expect(resolvedMode(parseAuth('{"OPENAI_API_KEY":null}', 'f'))).toBe('chatgpt');
  });

  it('writes known fields first in the real order, always OPENAI_API_KEY and account_id, then unknown ones', () => {
    const auth = parseAuth('{"zeta":1,"tokens":{"refresh_token":"c","id_token":"e30.e30.s","access_token":"b","x":2},"auth_mode":"chatgpt"}', 'f');
    expect(serializeAuth(auth, false)).toBe(
      '{"auth_mode":"chatgpt","OPENAI_API_KEY":null,"tokens":{"id_token":"e30.e30.s","access_token":"b","refresh_token":"c","account_id":null,"x":2},"zeta":1}',
    );
    expect(serializeAuth({ OPENAI_API_KEY: 'k' })).toBe('{\n  "OPENAI_API_KEY": "k"\n}\n');
  });

  it('rejects what the real CLI rejects, naming the source', () => {
    expect(() => parseAuth('[]', '/h/auth.json')).toThrow('/h/auth.json is not a valid Codex auth file: expected a JSON object, found an array');
    expect(() => parseAuth('', '/h/auth.json')).toThrow('/h/auth.json is not a valid Codex auth file: the file is empty');
    expect(() => parseAuth('{"last_refresh":"yesterday"}', 'f')).toThrow('not an RFC 3339 timestamp for "last_refresh"');
  });

  it('names the first field that has the wrong type, in the format\'s order, never its value', () => {
    expect(() => parseAuth('{"tokens":{"id_token":"e30.e30.s","access_token":7},"auth_mode":5}', 'f')).toThrow('f is not a valid Codex auth file: expected string for "auth_mode", found a number');
    expect(() => parseAuth('{"tokens":{"id_token":"e30.e30.s","access_token":"a","refresh_token":"r","account_id":[]}}', 'f')).toThrow('expected string for "tokens.account_id", found an array');
    expect(() => parseAuth('{"tokens":"secret-value"}', 'f')).toThrow(/^f is not a valid Codex auth file: expected object for "tokens", found a string$/);
    expect(() => parseAuth('{"bedrock_api_key":{"api_key":"k","region":1}}', 'f')).toThrow('expected string for "bedrock_api_key.region", found a number');
  });

  it('keeps unknown fields, a field named __proto__ too, without touching any prototype', () => {
    const auth = parseAuth('{"__proto__":{"polluted":true},"OPENAI_API_KEY":"sk-x","tokens":{"__proto__":1,"id_token":"e30.e30.s","access_token":"a","refresh_token":"r"}}', 'f');
    expect(Object.keys(auth)).toEqual(['OPENAI_API_KEY', 'tokens', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(auth)).toBe(Object.prototype);
    expect(serializeAuth(auth, false)).toBe('{"OPENAI_API_KEY":"sk-x","tokens":{"id_token":"e30.e30.s","access_token":"a","refresh_token":"r","account_id":null,"__proto__":1},"__proto__":{"polluted":true}}');
  });

  it('reads an explicit null in an optional field as absent, as the real CLI does', () => {
    const auth = parseAuth('{"auth_mode":"apikey","OPENAI_API_KEY":"sk-x","tokens":null,"last_refresh":null}', 'f');
    expect(auth.tokens).toBeUndefined();
    expect(serializeAuth(auth, false)).toBe('{"auth_mode":"apikey","OPENAI_API_KEY":"sk-x"}');
  });
});
