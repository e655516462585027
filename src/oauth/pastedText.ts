// Cleans text a person pasted into a terminal: surrounding whitespace and line breaks, the
// bracketed-paste markers some terminals leak (ESC[200~ … ESC[201~), zero-width characters and
// byte-order marks (invisible, and picked up from web pages and chat apps, anywhere in the text),
// and surrounding quotes, ASCII or typographic (“…”, ‘…’, «…», „…“), which editors substitute.
// The one cleaning of pasted text: API keys on every path (src/auth/apiKeyInput.ts) and callback URLs.
const BRACKETED_PASTE = /\x1b?\[20[01]~/g;
/** Zero-width space, non-joiner, joiner, word joiner, BOM / zero-width no-break space, soft hyphen. */
const INVISIBLE = /[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g;
const OPENING = '"\'`“”„‟‘’‚‛«»‹›';
const CLOSING = '"\'`“”‟‘’‛»«›‹';

export function cleanPastedText(text: string): string {
  let value = text.replace(BRACKETED_PASTE, '').replace(INVISIBLE, '').trim();
  while (value.length >= 2 && OPENING.includes(value[0]!) && CLOSING.includes(value[value.length - 1]!)) {
    value = value.slice(1, -1).trim();
  }
  return value;
}
