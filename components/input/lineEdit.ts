// One line of editable text with a cursor, edited with readline's habits. Pure: every field
// (composer, API key, pasted callback URL) keeps a Line and applies keys to it.
import { actionOf, type Action } from './keymap.js';
import type { Key } from './keys.js';

export interface Line {
  value: string;
  /** Cursor position, in UTF-16 units, never inside a surrogate pair. */
  cursor: number;
}

export const EMPTY_LINE: Line = { value: '', cursor: 0 };
export const lineOf = (value: string): Line => ({ value, cursor: value.length });

const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const stepBack = (value: string, at: number) => (at >= 2 && isLow(value.charCodeAt(at - 1)) ? at - 2 : Math.max(0, at - 1));
const stepForward = (value: string, at: number) => (at < value.length - 1 && isLow(value.charCodeAt(at + 1)) ? at + 2 : Math.min(value.length, at + 1));

function wordStart(value: string, at: number, isWordChar: (char: string) => boolean): number {
  let i = at;
  while (i > 0 && !isWordChar(value[i - 1]!)) i--;
  while (i > 0 && isWordChar(value[i - 1]!)) i--;
  return i;
}

/** Inserts `text` at the cursor: one edit, however long (a paste). */
export function insertText(line: Line, text: string): Line {
  if (text === '') return line;
  return { value: line.value.slice(0, line.cursor) + text + line.value.slice(line.cursor), cursor: line.cursor + text.length };
}

const EDITS: Partial<Record<Action, (line: Line) => Line>> = {
  left: ({ value, cursor }) => ({ value, cursor: stepBack(value, cursor) }),
  right: ({ value, cursor }) => ({ value, cursor: stepForward(value, cursor) }),
  home: ({ value }) => ({ value, cursor: 0 }),
  end: ({ value }) => ({ value, cursor: value.length }),
  backspace: ({ value, cursor }) => {
    const to = stepBack(value, cursor);
    return { value: value.slice(0, to) + value.slice(cursor), cursor: to };
  },
  deleteForward: ({ value, cursor }) => ({ value: value.slice(0, cursor) + value.slice(stepForward(value, cursor)), cursor }),
  killToStart: ({ value, cursor }) => ({ value: value.slice(cursor), cursor: 0 }),
  killToEnd: ({ value, cursor }) => ({ value: value.slice(0, cursor), cursor }),
  killSpaceWordBack: ({ value, cursor }) => {
    const to = wordStart(value, cursor, (c) => !/\s/.test(c));
    return { value: value.slice(0, to) + value.slice(cursor), cursor: to };
  },
  killWordBack: ({ value, cursor }) => {
    const to = wordStart(value, cursor, (c) => /[\p{L}\p{N}]/u.test(c));
    return { value: value.slice(0, to) + value.slice(cursor), cursor: to };
  },
};

/** True for the actions that edit or move within a line. */
export const isLineEdit = (action: Action | null): boolean => action !== null && action in EDITS;

/** The line after `action`; the same line when the action is not an edit. */
export function applyLineAction(line: Line, action: Action): Line {
  const edit = EDITS[action];
  return edit ? edit(line) : line;
}

/** The line after a key: an edit, or text typed or pasted (control characters and line breaks dropped). Null when the key is not for the line. */
export function editLine(line: Line, key: Key): Line | null {
  if (key.kind === 'char' || key.kind === 'paste') return insertText(line, key.text.replace(/[\x00-\x1f\x7f]/g, ''));
  const action = actionOf(key);
  return action && isLineEdit(action) ? applyLineAction(line, action) : null;
}
