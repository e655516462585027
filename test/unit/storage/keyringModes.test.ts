// Keyring, auto and ephemeral modes (§2, storage_tests) over an injected keyring, so each failure
// mode can be produced on demand. test/unit/storage/secretService.test.ts covers the real keyring.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthDotJson } from '../../../src/storage/authSchema.js';
import { createCredentialStore } from '../../../src/storage/createCredentialStore.js';
import type { StoreMode } from '../../../src/storage/credentialStore.js';
import { keyringAccount, KeyringError, type KeyringBackend } from '../../../src/storage/keyringStorage.js';

class FakeKeyring implements KeyringBackend {
  value: string | null = null;
  failing: string | null = null;
  readonly location = 'keyring (Codex Auth / cli|fake)';
  private check() {
    if (this.failing) throw new KeyringError(this.failing);
  }
  async get() {
    this.check();
    return this.value;
  }
  async set(value: string) {
    this.check();
    this.value = value;
  }
  async delete() {
    this.check();
    const existed = this.value !== null;
    this.value = null;
    return existed;
  }
}

let home: string;
let keyring: FakeKeyring;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'codex-modes-'));
  keyring = new FakeKeyring();
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const authFile = () => join(home, 'auth.json');
const store = (mode: StoreMode, ephemeral?: Map<string, AuthDotJson>) => createCredentialStore({ codexHome: home, mode, keyring, ephemeral });
const KEY_A: AuthDotJson = { auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-aaaaaaaaaaaaaaaaaaaaAAAAA' };
const KEY_B: AuthDotJson = { auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-bbbbbbbbbbbbbbbbbbbbBBBBB' };
const writeFile = (auth: AuthDotJson) => writeFileSync(authFile(), JSON.stringify(auth), { mode: 0o600 });

describe('keyring store key', () => {
  it('matches the real CLI vector: "~/.codex" -> cli|940db7b1d0e4eb40', () => {
    expect(keyringAccount('~/.codex')).toBe('cli|940db7b1d0e4eb40');
  });
  it('hashes the canonical path, so two spellings of one folder share an entry', () => {
    expect(keyringAccount(`${home}/./`)).toBe(keyringAccount(home));
  });
});

describe('keyring mode', () => {
  it('loads what the keyring holds (compact JSON)', async () => {
    keyring.value = JSON.stringify(KEY_A);
    expect(await store('keyring').load()).toEqual({ auth: KEY_A, backend: 'keyring', location: keyring.location });
  });

  it('saves compact JSON to the keyring and deletes the fallback auth.json', async () => {
    writeFile(KEY_B);
    const outcome = await store('keyring').transaction((tx) => tx.save(KEY_A));
    expect(outcome).toEqual({ backend: 'keyring', location: keyring.location });
    expect(keyring.value).toBe('{"auth_mode":"apikey","OPENAI_API_KEY":"sk-proj-aaaaaaaaaaaaaaaaaaaaAAAAA"}');
    expect(existsSync(authFile())).toBe(false);
  });

  it('remove deletes the keyring entry and auth.json', async () => {
    keyring.value = JSON.stringify(KEY_A);
    writeFile(KEY_B);
    const removed = await store('keyring').transaction((tx) => tx.remove());
    expect(removed.map((r) => r.backend)).toEqual(['keyring', 'file']);
    expect(keyring.value).toBeNull();
    expect(existsSync(authFile())).toBe(false);
  });

  it('surfaces keyring errors with the real CLI wording', async () => {
    keyring.failing = 'Secret Service is locked';
    await expect(store('keyring').load()).rejects.toThrow('failed to load CLI auth from keyring: Secret Service is locked');
    await expect(store('keyring').transaction((tx) => tx.save(KEY_A))).rejects.toThrow(
      'failed to write OAuth tokens to keyring: Secret Service is locked',
    );
    expect(existsSync(authFile())).toBe(false);
  });

  it('a failing keyring delete still removes auth.json, then reports the failure', async () => {
    writeFile(KEY_B);
    keyring.failing = 'no bus';
    await expect(store('keyring').transaction((tx) => tx.remove())).rejects.toThrow('failed to delete auth from keyring: no bus');
    expect(existsSync(authFile())).toBe(false);
  });

  it('reports a corrupt keyring value by naming the entry, without echoing it', async () => {
    keyring.value = '{"OPENAI_API_KEY": "sk-proj-secret-do-not-print"';
    const error = (await store('keyring').load().catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^keyring \(Codex Auth \/ cli\|fake\) is not a valid Codex auth file/);
    expect(error.message).not.toContain('secret-do-not-print');
  });
});

describe('auto mode', () => {
  it('prefers the keyring over the file', async () => {
    keyring.value = JSON.stringify(KEY_A);
    writeFile(KEY_B);
    expect((await store('auto').load())?.auth).toEqual(KEY_A);
  });

  it('uses the file when the keyring is empty', async () => {
    writeFile(KEY_B);
    expect(await store('auto').load()).toMatchObject({ auth: KEY_B, backend: 'file', location: authFile() });
  });

  it('falls back to the file on a keyring load error, with a visible warning', async () => {
    writeFile(KEY_B);
    keyring.failing = 'org.freedesktop.DBus.Error.ServiceUnknown';
    const auto = store('auto');
    expect((await auto.load())?.auth).toEqual(KEY_B);
    expect(auto.warnings).toEqual([
      'failed to load CLI auth from keyring, falling back to file storage: org.freedesktop.DBus.Error.ServiceUnknown',
    ]);
  });

  it('falls back to the file on a keyring save error; the outcome carries the warning', async () => {
    keyring.failing = 'timed out';
    const auto = store('auto');
    const outcome = await auto.transaction((tx) => tx.save(KEY_A));
    expect(outcome).toEqual({
      backend: 'file',
      location: authFile(),
      warning: 'failed to save auth to keyring, falling back to file storage: timed out',
    });
    expect(JSON.parse(readFileSync(authFile(), 'utf8'))).toEqual(KEY_A);
    expect(auto.warnings).toHaveLength(1);
  });

  it('a successful keyring save removes the file fallback', async () => {
    writeFile(KEY_B);
    const outcome = await store('auto').transaction((tx) => tx.save(KEY_A));
    expect(outcome.backend).toBe('keyring');
    expect(outcome.warning).toBeUndefined();
    expect(existsSync(authFile())).toBe(false);
  });

  it('remove deletes both; a keyring failure becomes a warning and the file still goes', async () => {
    keyring.value = JSON.stringify(KEY_A);
    writeFile(KEY_B);
    expect((await store('auto').transaction((tx) => tx.remove())).map((r) => r.backend)).toEqual(['keyring', 'file']);

    writeFile(KEY_B);
    keyring.failing = 'no bus';
    const auto = store('auto');
    expect((await auto.transaction((tx) => tx.remove())).map((r) => r.backend)).toEqual(['file']);
    expect(existsSync(authFile())).toBe(false);
    expect(auto.warnings).toEqual(['failed to delete auth from keyring: no bus']);
  });
});

describe('ephemeral mode', () => {
  it('keeps credentials in memory only, shared by stores of the same process map', async () => {
    const memory = new Map<string, AuthDotJson>();
    const outcome = await store('ephemeral', memory).transaction((tx) => tx.save(KEY_A));
    expect(outcome).toEqual({ backend: 'ephemeral', location: 'memory (this process only)' });
    expect(existsSync(authFile())).toBe(false);
    expect(keyring.value).toBeNull();
    expect((await store('ephemeral', memory).load())?.auth).toEqual(KEY_A);
    expect(await store('ephemeral', new Map()).load()).toBeNull();
  });

  it('logout in another mode also clears the ephemeral copy', async () => {
    const memory = new Map<string, AuthDotJson>([[home, KEY_A]]);
    writeFile(KEY_B);
    const removed = await store('file', memory).transaction((tx) => tx.remove());
    expect(removed.map((r) => r.backend)).toEqual(['ephemeral', 'file']);
    expect(memory.size).toBe(0);
  });
});
