// `codex login --with-api-key` cleans pasted text exactly as the API-key screen does (one function,
// src/auth/apiKeyInput.ts) and refuses, with the position, what cannot be a key.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { baseEnv, ensureBuilt, runCodex, tempHome } from './runCodex.js';

const KEY = 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCDE';
let home: ReturnType<typeof tempHome>;
beforeAll(() => ensureBuilt());
beforeEach(() => {
  home = tempHome();
});
afterEach(() => home.cleanup());
const login = (input: string) => runCodex(['login', '--with-api-key'], { env: baseEnv(home.path), input });
const stored = () => JSON.parse(readFileSync(join(home.path, 'auth.json'), 'utf8')).OPENAI_API_KEY;

describe('codex login --with-api-key: paste debris', () => {
  it.each([
    ['curly quotes', `“${KEY}”\n`],
    ['ASCII quotes', `'${KEY}'\n`],
    ['a zero-width space and a BOM', `\ufeff${KEY.slice(0, 12)}\u200b${KEY.slice(12)}\n`],
  ])('%s: the clean key is saved', async (_name, input) => {
    const result = await login(input);
    expect(result.code).toBe(0);
    expect(stored()).toBe(KEY);
  });

  it('a character that cannot be in a key: refused with its position, nothing written, the key not echoed', async () => {
    const result = await login('sk-proj-abcé0123456789xyz\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot be part of an API key');
    expect(result.stderr).toContain('Character 12 of the key is "é" (U+00E9).');
    expect(result.stderr).not.toContain('sk-proj-abc');
    expect(existsSync(join(home.path, 'auth.json'))).toBe(false);
  });
});
