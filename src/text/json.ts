// JSON that came from outside (a file, a server's answer, a token's claims) as objects: an object,
// or nothing, never an array or null taken for one.

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export const asRecord = (value: unknown): Record<string, unknown> | null => (isRecord(value) ? value : null);

/** The text's top-level JSON object; null when it does not parse or is not an object. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return null;
  }
}
