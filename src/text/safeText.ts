// Text that came from outside (a token's claims, a server's error body, a file, a callback request)
// made fit for a terminal: no control characters (C0 including newlines and ESC, DEL, C1, and the
// Unicode line/bidi controls that reorder or break a line), and no longer than a cap. A terminal
// obeys escape sequences (OSC retitles it, OSC 52 writes the clipboard, CSI clears the screen), so
// nothing printed may carry them. Below every other layer: it imports nothing.

/** Caps: a claim (an email is at most 254 characters), and a one-line message. */
export const MAX_CLAIM_CHARS = 256;
export const MAX_MESSAGE_CHARS = 500;
/** Longer input is cut before any scan, so a 10 MB string costs no more than this. */
const MAX_SCAN_CHARS = 65_536;

// C0 (0x00-0x1f), DEL, C1 (0x80-0x9f), line/paragraph separators, bidi marks, embeddings, overrides, isolates.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
// eslint-disable-next-line no-control-regex
const SPACING = /[\t\n\r\u000b\u000c\u2028\u2029]+/g;

// Whole escape sequences go first, so no `[2J` or `]0;title` is left behind as text: OSC (ESC ] … BEL
// or ST), DCS/SOS/PM/APC strings, CSI (ESC [ or C1 0x9b, parameters, a final byte), two-byte escapes.
// eslint-disable-next-line no-control-regex
const SEQUENCES = /\u001b\][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u009d[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[PX^_][^\u001b\u009c]*(?:\u001b\\|\u009c)?|(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|\u001b[ -/]*[0-~]?/g;

/** Control characters out: escape sequences vanish whole, whitespace controls become one space, other controls vanish. Not capped. */
export function stripControls(text: string): string {
  const scanned = text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text;
  return scanned.replace(SEQUENCES, '').replace(SPACING, ' ').replace(CONTROL, '');
}

/** At most `max` characters, an ellipsis marking a cut; never half a surrogate pair. */
export function capText(text: string, max = MAX_MESSAGE_CHARS): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** One line of plain text, capped at `max`. */
export function safeText(text: string, max = MAX_MESSAGE_CHARS): string {
  return capText(stripControls(text), max);
}

/** A claim or other short value: safeText with the claim cap, trimmed; empty becomes null. */
export function safeClaim(value: string | null): string | null {
  if (value === null) return null;
  const out = safeText(value, MAX_CLAIM_CHARS).trim();
  return out === '' ? null : out;
}

/** True when `text` holds nothing safeText would remove. */
// eslint-disable-next-line no-control-regex
export const hasControls = (text: string): boolean => /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/.test(text);
