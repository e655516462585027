// The rules for an API key handed in by a program (`codex login --with-api-key` on stdin, and
// app-server's account/login/start): exactly one key, nothing else. A byte-order mark and the
// surrounding whitespace a pipe adds are dropped; anything inside the key is refused, not fixed.
export const NO_KEY = 'No API key provided via stdin.';
export const KEY_HAS_SPACES =
  'The input on stdin contains spaces, line breaks or control characters inside the key. Pipe exactly one API key, e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`.';

export type ApiKeyInput = { ok: true; key: string } | { ok: false; reason: 'empty' | 'spaces'; message: string };

export function cleanApiKeyInput(text: string, messages: { empty: string; spaces: string } = { empty: NO_KEY, spaces: KEY_HAS_SPACES }): ApiKeyInput {
  const key = text.replace(/^\uFEFF/, '').trim();
  if (key === '') return { ok: false, reason: 'empty', message: messages.empty };
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(key)) return { ok: false, reason: 'spaces', message: messages.spaces };
  return { ok: true, key };
}
