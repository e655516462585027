// `-c key=value` overrides, as the real CLI reads them: the key may be dotted (a.b.c), the value is
// parsed as a TOML value, and when it is not valid TOML it is taken as a plain string (so
// `-c forced_login_method=api` works without quoting).
import type { parse as parseToml } from 'smol-toml';

export type TomlParse = typeof parseToml;

export class OverrideError extends Error {}

export interface ParsedOverride {
  path: string[];
  value: unknown;
}

/** Keys that name JavaScript's object machinery rather than a table: refused in a `-c` path. */
const RESERVED_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function parseOverride(raw: string, parse: TomlParse): ParsedOverride {
  const equals = raw.indexOf('=');
  if (equals < 0) throw new OverrideError(`Invalid override (missing '='): ${raw}`);
  const key = raw.slice(0, equals).trim();
  const text = raw.slice(equals + 1).trim();
  if (key === '') throw new OverrideError(`Empty key in override: ${raw}`);
  const path = key.split('.').map((part) => part.trim());
  if (path.some((part) => part === '')) throw new OverrideError(`Invalid key in override (empty segment): ${raw}`);
  const reserved = path.find((part) => RESERVED_SEGMENTS.has(part));
  if (reserved !== undefined) {
    throw new OverrideError(`Invalid key in override: "${reserved}" cannot be a key (it would reach into JavaScript's object model): ${raw}`);
  }
  return { path, value: parseValue(text, parse) };
}

function parseValue(text: string, parse: TomlParse): unknown {
  try {
    return parse(`_x_ = ${text}`)._x_;
  } catch {
    return text.replace(/^["']+|["']+$/g, '');
  }
}

/** Sets `value` at `path` inside `target`, creating (or replacing non-table values with) tables on the way. */
export function applyOverride(target: Record<string, unknown>, { path, value }: ParsedOverride): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    // Own keys only, and new tables without a prototype: nothing here can reach Object.prototype.
    const next = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      Object.defineProperty(node, segment, { value: Object.create(null), enumerable: true, writable: true, configurable: true });
    }
    node = node[segment] as Record<string, unknown>;
  }
  Object.defineProperty(node, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
}
