// Ink hands keys that arrive in one read to useInput as one string and recognises Backspace only
// when it arrives alone. A held Backspace, or two presses over a slow link, arrive as '\x7f\x7f'
// (or 'ab\x7f'): without this the DEL bytes would be inserted into the text as invisible
// characters, so the field looks erased but is not (and '/logout' + erase + '/help' ran /logout).

// eslint-disable-next-line no-control-regex
const ERASE = /[\x7f\b]/;

export const hasErasures = (text: string): boolean => ERASE.test(text);

/** Applies each DEL/BS in `text` as a backspace over the character before it. */
export function applyErasures(text: string): string {
  const kept: string[] = [];
  for (const char of text) {
    if (char === '\x7f' || char === '\b') kept.pop();
    else kept.push(char);
  }
  return kept.join('');
}
