// CODEX_HOME/config.toml plus `-c` overrides, reduced to the keys sign-in cares about (§11.1).
// smol-toml is loaded only when there is something to parse: a missing config.toml and no
// overrides cost nothing at startup.
import { join } from 'node:path';
import type { StoreMode } from '../storage/credentialStore.js';
import { applyOverride, OverrideError, parseOverride, type ParsedOverride, type TomlParse } from './overrides.js';
import { importEsm } from '../platform/importEsm.js';
import { MIB, readBoundedFileSync } from '../platform/boundedRead.js';
import { scrubSecrets } from '../credential/mask.js';

/** config.toml is a few lines; anything larger (or a FIFO, a device) is refused with its path. */
export const MAX_CONFIG_BYTES = MIB;

export interface CodexConfig {
  cli_auth_credentials_store: StoreMode;
  forced_login_method: 'chatgpt' | 'api' | null;
  forced_chatgpt_workspace_id: string[] | null;
  chatgpt_base_url: string;
  openai_base_url: string;
  /** The whole merged table (file + overrides), for keys this module does not interpret. */
  raw: Record<string, unknown>;
}

export const DEFAULT_CHATGPT_BASE_URL = 'https://chatgpt.com/backend-api/';
export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';
const STORE_MODES: readonly StoreMode[] = ['file', 'keyring', 'auto', 'ephemeral'];
export const WORKSPACE_LIST_MESSAGE =
  'forced_chatgpt_workspace_id must be a single workspace ID string or a TOML list of strings; comma-separated strings are not supported. Use `forced_chatgpt_workspace_id = ["123e4567-e89b-42d3-a456-426614174000", "123e4567-e89b-42d3-a456-426614174001"]` instead.';

/**
 * Its message may quote the file or a `-c` value: terminal-safe, capped, and with anything shaped
 * like a key or token masked (a key pasted into the wrong setting is not printed back).
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(scrubSecrets(message, [], 2_000));
  }
}

export interface LoadConfigOptions {
  codexHome: string;
  /** Raw `-c key=value` strings, in command-line order (later ones win). */
  overrides: string[];
}

export async function loadConfig({ codexHome, overrides }: LoadConfigOptions): Promise<CodexConfig> {
  const path = join(codexHome, 'config.toml');
  let text: string | null = null;
  try {
    text = readBoundedFileSync(path, MAX_CONFIG_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTREG' || code === 'EFBIG') throw new ConfigError(`Error loading configuration: ${(error as Error).message}.`);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      throw new ConfigError(`Error loading configuration: could not read ${path}: ${(error as Error).message}`);
    }
  }
  const parse: TomlParse | null = text !== null || overrides.length > 0 ? (await importEsm<typeof import('smol-toml')>('smol-toml')).parse : null;

  let parsed: ParsedOverride[];
  try {
    parsed = overrides.map((raw) => parseOverride(raw, parse!));
  } catch (error) {
    if (error instanceof OverrideError) throw new ConfigError(`Error parsing -c overrides: ${error.message}`);
    throw error;
  }

  // No prototype: a key read below is the file's own or absent, never an inherited one.
  let raw: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (text !== null) {
    try {
      raw = Object.assign(Object.create(null) as Record<string, unknown>, parse!(text));
    } catch (error) {
      throw new ConfigError(`Error loading configuration: ${path}: ${describeTomlError(error)}`);
    }
  }
  for (const override of parsed) applyOverride(raw, override);

  try {
    return resolveConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`Error loading configuration: ${error.message}`);
    throw error;
  }
}

/** The default configuration (no file, no overrides); needs no parser. */
export const defaultConfig = (): CodexConfig => resolveConfig(Object.create(null) as Record<string, unknown>);

/** An own key of a table, never one inherited from Object.prototype. */
const own = (raw: Record<string, unknown>, key: string): unknown => (Object.hasOwn(raw, key) ? raw[key] : undefined);

function resolveConfig(raw: Record<string, unknown>): CodexConfig {
  return {
    cli_auth_credentials_store: oneOf(raw, 'cli_auth_credentials_store', STORE_MODES) ?? 'file',
    forced_login_method: oneOf(raw, 'forced_login_method', ['chatgpt', 'api'] as const) ?? null,
    forced_chatgpt_workspace_id: workspaceIds(own(raw, 'forced_chatgpt_workspace_id')),
    chatgpt_base_url: url(raw, 'chatgpt_base_url') ?? DEFAULT_CHATGPT_BASE_URL,
    openai_base_url: url(raw, 'openai_base_url') ?? DEFAULT_OPENAI_BASE_URL,
    raw,
  };
}

function oneOf<T extends string>(raw: Record<string, unknown>, key: string, allowed: readonly T[]): T | undefined {
  const value = own(raw, key);
  if (value === undefined) return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const choices = allowed.map((choice) => `"${choice}"`).join(', ');
  throw new ConfigError(`${key} must be one of ${choices}, not ${show(value)}`);
}

function url(raw: Record<string, unknown>, key: string): string | undefined {
  const value = own(raw, key);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !URL.canParse(value)) throw new ConfigError(`${key} must be a URL, not ${show(value)}`);
  return value;
}

/** String or list of strings; trimmed, empties dropped, nothing left means unset. */
function workspaceIds(value: unknown): string[] | null {
  if (value === undefined) return null;
  let list: string[];
  if (typeof value === 'string') {
    if (value.includes(',')) throw new ConfigError(WORKSPACE_LIST_MESSAGE);
    list = [value];
  } else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    list = value as string[];
  } else {
    throw new ConfigError(WORKSPACE_LIST_MESSAGE);
  }
  const ids = list.map((id) => id.trim()).filter((id) => id !== '');
  return ids.length ? ids : null;
}

const show = (value: unknown) => (typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value));

function describeTomlError(error: unknown): string {
  const { message, line, column } = error as { message?: string; line?: number; column?: number };
  const first = (message ?? String(error)).split('\n')[0]!.replace(/^Invalid TOML document: /, '');
  return line ? `${first} at line ${line}, column ${column}` : first;
}
