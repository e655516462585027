// Secrets never appear in full: a recognisable prefix and the last few characters at most.
import { capText, MAX_MESSAGE_CHARS, stripControls } from '../text/safeText.js';

/** The real CLI's `codex login status` mask: `***` up to 13 chars, else first 8 + `***` + last 5. */
export function maskApiKey(raw: string): string {
  const key = stripControls(raw); // the shown ends must not carry an escape sequence from the file
  if (key.length <= 13) return '***';
  return `${key.slice(0, 8)}***${key.slice(-5)}`;
}

/** The sign-in screen's mask: the one mask format (maskApiKey) and the length, `sk-proj-***ABCDE (51 chars)`. */
export function maskForDisplay(key: string): string {
  return `${maskApiKey(key)} (${key.length} ${key.length === 1 ? 'char' : 'chars'})`;
}

/** A short tag for tokens in diagnostics: never more than the last 4 characters. */
export const tokenTag = (token: string): string => (token.length > 12 ? `…${token.slice(-4)}` : '…');

const SECRET_PARAMS = [
  'access_token', 'api_key', 'client_secret', 'code', 'code_verifier', 'id_token', 'key', 'refresh_token',
  'requested_token', 'state', 'subject_token', 'token',
];

/** URL with secret query parameters replaced by `<redacted>` (§3.5). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const name of SECRET_PARAMS) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '<redacted>');
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}

const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
const API_KEY = /\bsk-[\w-]{12,}/g;
const BEARER = /\b(Bearer)\s+[^\s"',;)]+/gi;

/**
 * Text we did not write (an error body from the authority, an error message quoting a header or
 * URL), fit to show: the secrets we sent (`known`), any JWT, `sk-` key or bearer value and secret
 * URL parameters are cut down to a tag. Servers and proxies do echo what they were sent. The result
 * is one terminal-safe line (src/text/safeText.ts): no control characters, at most `max` characters.
 */
export function scrubSecrets(text: string, known: readonly (string | null | undefined)[] = [], max = MAX_MESSAGE_CHARS): string {
  // Control characters go first (an ESC inside a key must not hide it from the patterns), the cap last
  // (a secret is replaced whole before any cut).
  let out = stripControls(text);
  for (const secret of known) {
    if (secret && secret.length >= 8) out = out.split(secret).join(tokenTag(secret));
  }
  out = out
    .replace(/https?:\/\/[^\s'"<>]+/g, (url) => (/[?&]/.test(url) ? redactUrl(url) : url))
    .replace(JWT, (jwt) => `eyJ${tokenTag(jwt)}`)
    .replace(API_KEY, (key) => maskApiKey(key))
    .replace(BEARER, '$1 <redacted>');
  return capText(out, max);
}
