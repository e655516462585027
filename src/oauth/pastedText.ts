// Cleans text a person pasted into a terminal: surrounding whitespace and line breaks, the
// bracketed-paste markers some terminals leak (ESC[200~ … ESC[201~) and surrounding quotes.
const BRACKETED_PASTE = /\x1b?\[20[01]~/g;

export function cleanPastedText(text: string): string {
  let value = text.replace(BRACKETED_PASTE, '').trim();
  for (;;) {
    const quoted = /^(["'`])([\s\S]*)\1$/.exec(value);
    if (!quoted) return value;
    value = quoted[2]!.trim();
  }
}
