// Editing rules of the API-key field, kept pure so they are tested without Ink. A paste arrives
// as one edit (cleaned, refused whole when it holds whitespace); typing one character at a time;
// the line-editing keys (components/input/lineEdit.ts) move and delete as in readline.
import { cleanPastedText } from '../../src/oauth/pastedText.js';
import type { Action } from '../input/keymap.js';
import { applyLineAction, insertText, isLineEdit } from '../input/lineEdit.js';
import { hasErasures } from './erasures.js';
/** Trims, drops bracketed-paste markers and surrounding quotes (the same rules as pasted callback URLs). */
export const cleanPaste = cleanPastedText;

export interface SecretField {
  value: string;
  /** The value came from the environment: the first edit replaces it whole. */
  prefilled: boolean;
  error: string | null;
  /** Where the cursor is (UTF-16 units); the end when absent. */
  cursor?: number;
}

export type SecretEdit = { kind: 'text'; text: string } | { kind: 'backspace' } | { kind: 'action'; action: Action };

export const WHITESPACE_ERROR = 'API keys contain no spaces or line breaks; paste only the key.';

export const cursorOf = (field: SecretField): number => Math.min(field.cursor ?? field.value.length, field.value.length);

export function editSecret(field: SecretField, edit: SecretEdit): SecretField {
  if (edit.kind === 'text' && hasErasures(edit.text)) {
    // A burst such as 'ab\x7f\x7f': apply its parts in order, each DEL/BS as a backspace.
    return edit.text
      .split(/([\x7f\b])/)
      .filter((part) => part !== '')
      .reduce<SecretField>((f, part) => editSecret(f, hasErasures(part) ? { kind: 'backspace' } : { kind: 'text', text: part }), field);
  }
  if (edit.kind !== 'text') {
    const action: Action = edit.kind === 'backspace' ? 'backspace' : edit.action;
    if (!isLineEdit(action)) return field;
    // Any edit of a prefilled key starts over; moving the cursor over it does too (it is not shown).
    if (field.prefilled) return { value: '', prefilled: false, error: null, cursor: 0 };
    const line = applyLineAction({ value: field.value, cursor: cursorOf(field) }, action);
    return { value: line.value, prefilled: false, error: null, cursor: line.cursor };
  }
  const text = edit.text.length > 1 || edit.text.includes('[20') ? cleanPaste(edit.text) : edit.text;
  if (text === '') return { ...field, error: null };
  if (/\s/.test(text)) return { ...field, error: WHITESPACE_ERROR };
  const base = field.prefilled ? { value: '', cursor: 0 } : { value: field.value, cursor: cursorOf(field) };
  const line = insertText(base, text);
  return { value: line.value, prefilled: false, error: null, cursor: line.cursor };
}
