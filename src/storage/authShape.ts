// The shape of an auth.json, checked field by field: a JSON object whose known fields have their
// types (unknown fields are anyone's). The first problem, in field order, as one readable line that
// names the field and never echoes a value: `expected string for "tokens.access_token", found a
// number`. Nulls in optional fields were dropped before (src/storage/authSchema.ts). The fields
// come back in the format's order, the unknown ones after them, as the zod schema this replaces
// returned them.
import { isRecord } from '../text/json.js';

type Check = (value: unknown, field: string) => string | null;

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}


const string: Check = (value, field) => (typeof value === 'string' ? null : `expected string for "${field}", found ${kindOf(value)}`);
const optional = (check: Check): Check => (value, field) => (value === undefined ? null : check(value, field));
const nullable = (check: Check): Check => (value, field) => (value === null ? null : check(value, field));
const timestamp: Check = (value, field) => string(value, field) ?? (Number.isNaN(Date.parse(value as string)) ? `not an RFC 3339 timestamp for "${field}"` : null);

/** An object with these fields checked in order; other fields are left as they are. */
const object =
  (fields: Record<string, Check>): Check =>
  (value, field) => {
    if (!isRecord(value)) return `expected object for "${field}", found ${kindOf(value)}`;
    for (const [name, check] of Object.entries(fields)) {
      const problem = check(value[name], `${field}.${name}`);
      if (problem) return problem;
    }
    return null;
  };

const TOP_LEVEL: Record<string, Check> = {
  auth_mode: optional(string),
  OPENAI_API_KEY: optional(nullable(string)),
  tokens: optional(object({ id_token: string, access_token: string, refresh_token: string, account_id: optional(nullable(string)) })),
  last_refresh: optional(timestamp),
  agent_identity: optional(string),
  personal_access_token: optional(string),
  bedrock_api_key: optional(object({ api_key: string, region: optional(nullable(string)) })),
};

/** The first problem with the parsed JSON of an auth.json, or null when its shape is right. */
export function firstShapeIssue(raw: unknown): string | null {
  if (!isRecord(raw)) return `expected a JSON object, found ${kindOf(raw)}`;
  for (const [name, check] of Object.entries(TOP_LEVEL)) {
    const problem = check(raw[name], name);
    if (problem) return problem;
  }
  return null;
}

const NESTED: Record<string, string[]> = {
  tokens: ['id_token', 'access_token', 'refresh_token', 'account_id'],
  bedrock_api_key: ['api_key', 'region'],
};

/** `record` with `known` fields first (those it has), then the rest in their order. */
function inOrder(record: Record<string, unknown>, known: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // defineProperty: a field named __proto__ (JSON.parse makes it an own field) stays a field.
  const put = (name: string) => Object.defineProperty(out, name, { value: record[name], enumerable: true, writable: true, configurable: true });
  for (const name of known) if (Object.hasOwn(record, name)) put(name);
  for (const name of Object.keys(record)) if (!Object.hasOwn(out, name)) put(name);
  return out;
}

/** A shape-checked auth.json with its fields in the format's order (nested objects too). */
export function inFormatOrder(auth: Record<string, unknown>): Record<string, unknown> {
  const out = inOrder(auth, Object.keys(TOP_LEVEL));
  for (const [name, fields] of Object.entries(NESTED)) if (isRecord(out[name])) out[name] = inOrder(out[name], fields);
  return out;
}
