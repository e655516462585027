// The one cleaning of an API key, whoever hands it in: `codex login --with-api-key` (stdin),
// app-server's account/login/start and the API-key screen (through LoginService). Paste debris is
// removed (src/oauth/pastedText.ts: surrounding whitespace and quotes, ASCII or typographic,
// zero-width characters and byte-order marks, bracketed-paste markers); what still cannot be part of
// a key is refused here, naming the first such character's position, before any network call.
import { cleanPastedText } from '../oauth/pastedText.js';

export const NO_KEY = 'No API key provided via stdin.';
export const KEY_HAS_SPACES =
  'The input on stdin contains spaces, line breaks or control characters inside the key. Pipe exactly one API key, e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`.';
export const KEY_HAS_STRANGE_CHARACTER =
  'The input on stdin contains a character that cannot be part of an API key (keys are plain ASCII). Pipe exactly one API key, e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`.';

export interface ApiKeyMessages {
  empty: string;
  /** Whitespace or a control character inside the key. */
  spaces: string;
  /** Any other character outside printable ASCII (an accented letter, a dash a word processor made…). */
  invalid: string;
}

export type ApiKeyInput = { ok: true; key: string } | { ok: false; reason: 'empty' | 'spaces' | 'invalid'; message: string };

const CLI_MESSAGES: ApiKeyMessages = { empty: NO_KEY, spaces: KEY_HAS_SPACES, invalid: KEY_HAS_STRANGE_CHARACTER };

/** What the character at a position is, in words, without showing the rest of the key. */
function nameOf(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (char === ' ') return 'a space';
  if (char === '\t') return 'a tab';
  if (char === '\n' || char === '\r') return 'a line break';
  if (char === '\u00a0') return `a no-break space (${code})`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(char)) return `a control character (${code})`;
  if (/\s/u.test(char)) return `a space (${code})`;
  return `"${char}" (${code})`;
}

export function cleanApiKeyInput(text: string, messages: ApiKeyMessages = CLI_MESSAGES): ApiKeyInput {
  const key = cleanPastedText(text);
  if (key === '') return { ok: false, reason: 'empty', message: messages.empty };
  const chars = [...key];
  const at = chars.findIndex((char) => !/^[\x21-\x7e]$/.test(char));
  if (at >= 0) {
    const char = chars[at]!;
    // eslint-disable-next-line no-control-regex
    const reason = /[\s\u0000-\u001f\u007f-\u009f]/u.test(char) ? 'spaces' : 'invalid';
    return { ok: false, reason, message: `${messages[reason]} Character ${at + 1} of the key is ${nameOf(char)}.` };
  }
  return { ok: true, key };
}
