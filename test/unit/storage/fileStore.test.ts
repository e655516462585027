// The file store: private atomic writes whatever the umask, unknown fields kept, malformed files
// reported and never overwritten, the default CODEX_HOME created 0700.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatgptAuthJson, ALICE } from '../../support/jwt.js';
import { AuthParseError } from '../../../src/storage/authSchema.js';
import { createCredentialStore } from '../../../src/storage/createCredentialStore.js';
import { ensurePrivateDir } from '../../../src/storage/fileAuthStorage.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'codex-store-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;
const fileStore = () => createCredentialStore({ codexHome: home, mode: 'file' });
const apiKey = (key = 'sk-proj-test-0000000000000000ABCDE') => ({ auth_mode: 'apikey' as const, OPENAI_API_KEY: key });

describe('file store writes', () => {
  for (const umask of [0o000, 0o022, 0o077]) {
    it(`writes auth.json 0600 under umask ${umask.toString(8).padStart(3, '0')}`, async () => {
      const previous = process.umask(umask);
      try {
        await fileStore().transaction((tx) => tx.save(apiKey()));
      } finally {
        process.umask(previous);
      }
      expect(mode(join(home, 'auth.json'))).toBe(0o600);
    });
  }

  it('rewriting an existing 0644 file leaves it 0600', async () => {
    writeFileSync(join(home, 'auth.json'), JSON.stringify(apiKey('sk-old')), { mode: 0o644 });
    chmodSync(join(home, 'auth.json'), 0o644);
    await fileStore().transaction((tx) => tx.save(apiKey()));
    expect(mode(join(home, 'auth.json'))).toBe(0o600);
    expect(JSON.parse(readFileSync(join(home, 'auth.json'), 'utf8')).OPENAI_API_KEY).toBe('sk-proj-test-0000000000000000ABCDE');
  });

  it('leaves no temporary files behind', async () => {
    await fileStore().transaction((tx) => tx.save(apiKey()));
    expect(readdirSync(home).filter((name) => name.startsWith('.auth'))).toEqual([]);
  });

  it('keeps unknown fields (top level and in tokens) through a load and save', async () => {
    const stored = { ...chatgptAuthJson(ALICE), future_field: { nested: [1, 2] }, tokens: { ...chatgptAuthJson(ALICE).tokens, extra: 'x' } };
    writeFileSync(join(home, 'auth.json'), JSON.stringify(stored));
    const store = fileStore();
    await store.transaction(async (tx) => {
      const loaded = await tx.load();
      await tx.save({ ...loaded!.auth, last_refresh: '2030-01-01T00:00:00.000Z' });
    });
    const after = JSON.parse(readFileSync(join(home, 'auth.json'), 'utf8'));
    expect(after.future_field).toEqual({ nested: [1, 2] });
    expect(after.tokens.extra).toBe('x');
    expect(after.last_refresh).toBe('2030-01-01T00:00:00.000Z');
  });

  it('writes the real CLI layout: 2-space JSON, OPENAI_API_KEY always present', async () => {
    await fileStore().transaction((tx) => tx.save({ auth_mode: 'chatgpt', tokens: chatgptAuthJson(ALICE).tokens }));
    const text = readFileSync(join(home, 'auth.json'), 'utf8');
    expect(text.startsWith('{\n  "auth_mode": "chatgpt",\n  "OPENAI_API_KEY": null,\n  "tokens": {')).toBe(true);
  });
});

describe('malformed auth.json', () => {
  const bad = '{"auth_mode":"apikey","OPENAI_API_KEY":"sk-secret-value-12345",}';

  it('is reported with its path and the parse error, and stays byte for byte', async () => {
    writeFileSync(join(home, 'auth.json'), bad, { mode: 0o600 });
    const error = await fileStore().load().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthParseError);
    expect((error as Error).message).toBe(`${join(home, 'auth.json')} is not a valid Codex auth file: invalid JSON at line 1, column 64`);
    expect((error as Error).message).not.toContain('sk-secret');
    expect(readFileSync(join(home, 'auth.json'), 'utf8')).toBe(bad);
  });

  it('names the offending field for a schema problem', async () => {
    writeFileSync(join(home, 'auth.json'), JSON.stringify({ tokens: { id_token: 'a', access_token: 5, refresh_token: 'r' } }));
    await expect(fileStore().load()).rejects.toThrow('expected string for "tokens.access_token", found a number');
    writeFileSync(join(home, 'auth.json'), JSON.stringify({ auth_mode: 5 }));
    await expect(fileStore().load()).rejects.toThrow('expected string for "auth_mode", found a number');
    // An auth_mode this codex does not know is a newer release's kind of sign-in, not a broken file.
    writeFileSync(join(home, 'auth.json'), JSON.stringify({ auth_mode: 'magic' }));
    await expect(fileStore().load()).resolves.toMatchObject({ auth: { auth_mode: 'magic' } });
  });

  it('a save sets it aside (kept, with a warning) instead of overwriting it', async () => {
    writeFileSync(join(home, 'auth.json'), bad);
    const store = fileStore();
    const outcome = await store.transaction((tx) => tx.save(apiKey()));
    const aside = readdirSync(home).find((name) => name.startsWith('auth.json.invalid-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(home, aside!), 'utf8')).toBe(bad);
    expect(outcome.warning).toContain(`kept as ${join(home, aside!)}`);
    expect(store.warnings).toHaveLength(1);
  });
});

describe('CODEX_HOME folder', () => {
  it('is created 0700 on first save when missing, whatever the umask', async () => {
    const missing = join(home, 'nested', '.codex');
    const previous = process.umask(0o000);
    try {
      await createCredentialStore({ codexHome: missing, mode: 'file' }).transaction((tx) => tx.save(apiKey()));
    } finally {
      process.umask(previous);
    }
    expect(mode(missing)).toBe(0o700);
    expect(mode(join(missing, 'auth.json'))).toBe(0o600);
  });

  it('an existing folder keeps its mode', async () => {
    chmodSync(home, 0o755);
    await ensurePrivateDir(home);
    expect(mode(home)).toBe(0o755);
  });

  it('loading from a missing folder reports nothing stored and creates nothing', async () => {
    const missing = join(home, 'absent');
    expect(await createCredentialStore({ codexHome: missing, mode: 'file' }).load()).toBeNull();
    expect(readdirSync(home)).toEqual([]);
  });
});
