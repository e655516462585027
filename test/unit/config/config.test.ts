// config.toml + `-c key=value` overrides, reduced to the sign-in keys (§11.1).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodexHomeError, resolveCodexHome } from '../../../src/config/codexHome.js';
import { ConfigError, loadConfig, WORKSPACE_LIST_MESSAGE } from '../../../src/config/config.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'codex-config-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const load = (overrides: string[] = [], toml?: string) => {
  if (toml !== undefined) writeFileSync(join(home, 'config.toml'), toml);
  return loadConfig({ codexHome: home, overrides });
};

describe('config.toml', () => {
  it('has the documented defaults without a file', async () => {
    expect(await load()).toEqual({
      cli_auth_credentials_store: 'file',
      forced_login_method: null,
      forced_chatgpt_workspace_id: null,
      chatgpt_base_url: 'https://chatgpt.com/backend-api/',
      openai_base_url: 'https://api.openai.com/v1',
      raw: {},
    });
  });

  it('reads the sign-in keys and keeps the rest in raw', async () => {
    const config = await load(
      [],
      `model = "o3"\ncli_auth_credentials_store = "keyring"\nforced_login_method = "api"\nchatgpt_base_url = "http://127.0.0.1:9/backend-api/"\n[profiles.work]\nmodel = "x"\n`,
    );
    expect(config.cli_auth_credentials_store).toBe('keyring');
    expect(config.forced_login_method).toBe('api');
    expect(config.chatgpt_base_url).toBe('http://127.0.0.1:9/backend-api/');
    expect(config.raw.model).toBe('o3');
    expect(config.raw.profiles).toEqual({ work: { model: 'x' } });
  });

  it('reports a syntax error with the file path and position', async () => {
    await expect(load([], 'forced_login_method = \n')).rejects.toThrow(
      new ConfigError(`Error loading configuration: ${join(home, 'config.toml')}: invalid value at line 1, column 23`),
    );
  });

  it('rejects values outside the allowed set', async () => {
    await expect(load([], 'cli_auth_credentials_store = "vault"\n')).rejects.toThrow(
      'Error loading configuration: cli_auth_credentials_store must be one of "file", "keyring", "auto", "ephemeral", not "vault"',
    );
    await expect(load([], 'forced_login_method = "sso"\n')).rejects.toThrow('forced_login_method must be one of "chatgpt", "api"');
  });
});

describe('forced_chatgpt_workspace_id', () => {
  it('accepts a string or a list; trims, drops empties, an empty list means unset', async () => {
    expect((await load([], 'forced_chatgpt_workspace_id = " ws-1 "\n')).forced_chatgpt_workspace_id).toEqual(['ws-1']);
    expect((await load([], 'forced_chatgpt_workspace_id = ["a", " ", "b "]\n')).forced_chatgpt_workspace_id).toEqual(['a', 'b']);
    expect((await load([], 'forced_chatgpt_workspace_id = []\n')).forced_chatgpt_workspace_id).toBeNull();
  });

  it('rejects a comma-separated string with the exact message', async () => {
    await expect(load([], 'forced_chatgpt_workspace_id = "a,b"\n')).rejects.toThrow(`Error loading configuration: ${WORKSPACE_LIST_MESSAGE}`);
    expect(WORKSPACE_LIST_MESSAGE).toBe(
      'forced_chatgpt_workspace_id must be a single workspace ID string or a TOML list of strings; comma-separated strings are not supported. Use `forced_chatgpt_workspace_id = ["123e4567-e89b-42d3-a456-426614174000", "123e4567-e89b-42d3-a456-426614174001"]` instead.',
    );
  });
});

describe('-c overrides', () => {
  it('win over the file, later ones over earlier ones', async () => {
    const config = await load(['cli_auth_credentials_store=auto', 'cli_auth_credentials_store="ephemeral"'], 'cli_auth_credentials_store = "keyring"\n');
    expect(config.cli_auth_credentials_store).toBe('ephemeral');
  });

  it('parse the value as TOML, falling back to a plain string', async () => {
    const config = await load(['forced_login_method=chatgpt', 'forced_chatgpt_workspace_id=["w1","w2"]', 'n=42', 'flag=true', "quoted='a b'"]);
    expect(config.forced_login_method).toBe('chatgpt');
    expect(config.forced_chatgpt_workspace_id).toEqual(['w1', 'w2']);
    expect(config.raw).toMatchObject({ n: 42, flag: true, quoted: 'a b' });
  });

  it('accept dotted keys, creating (or replacing) tables', async () => {
    const config = await load(['model_providers.openai.requires_openai_auth=false', 'a.b=1'], 'a = 5\n');
    expect(config.raw.model_providers).toEqual({ openai: { requires_openai_auth: false } });
    expect(config.raw.a).toEqual({ b: 1 });
  });

  it('report malformed overrides', async () => {
    await expect(load(['forced_login_method'])).rejects.toThrow("Error parsing -c overrides: Invalid override (missing '='): forced_login_method");
    await expect(load(['=api'])).rejects.toThrow('Error parsing -c overrides: Empty key in override: =api');
    await expect(load(['forced_chatgpt_workspace_id=a,b'])).rejects.toThrow(WORKSPACE_LIST_MESSAGE);
  });
});

describe('CODEX_HOME', () => {
  it('must exist and be a directory when set', () => {
    expect(() => resolveCodexHome({ CODEX_HOME: join(home, 'nope') })).toThrow(
      new CodexHomeError(`CODEX_HOME points to "${join(home, 'nope')}", but that path does not exist`),
    );
    writeFileSync(join(home, 'file'), '');
    expect(() => resolveCodexHome({ CODEX_HOME: join(home, 'file') })).toThrow('but that path is not a directory');
  });

  it('is canonicalised; the default is ~/.codex even before it exists', () => {
    mkdirSync(join(home, 'real'));
    expect(resolveCodexHome({ CODEX_HOME: `${home}/real/../real` }).path).toBe(join(home, 'real'));
    expect(resolveCodexHome({}, () => home)).toEqual({ path: join(home, '.codex'), isDefault: true });
  });
});
