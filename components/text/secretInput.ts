// Editing rules of the API-key field, kept pure so they are tested without Ink.
// A paste arrives as one multi-character chunk; typing arrives one character at a time.
import { cleanPastedText } from '../../src/oauth/pastedText.js';
import { hasErasures } from './erasures.js';
/** Trims, drops bracketed-paste markers and surrounding quotes (the same rules as pasted callback URLs). */
export const cleanPaste = cleanPastedText;

export interface SecretField {
  value: string;
  /** The value came from the environment: the first edit replaces it whole. */
  prefilled: boolean;
  error: string | null;
}

export type SecretEdit = { kind: 'text'; text: string } | { kind: 'backspace' };

export const WHITESPACE_ERROR = 'API keys contain no spaces or line breaks; paste only the key.';

export function editSecret(field: SecretField, edit: SecretEdit): SecretField {
  if (edit.kind === 'text' && hasErasures(edit.text)) {
    // A burst such as 'ab\x7f\x7f': apply its parts in order, each DEL/BS as a backspace.
    return edit.text
      .split(/([\x7f\b])/)
      .filter((part) => part !== '')
      .reduce<SecretField>((f, part) => editSecret(f, hasErasures(part) ? { kind: 'backspace' } : { kind: 'text', text: part }), field);
  }
  const base = field.prefilled ? '' : field.value;
  if (edit.kind === 'backspace') return { value: field.prefilled ? '' : base.slice(0, -1), prefilled: false, error: null };
  const text = edit.text.length > 1 || edit.text.includes('[20') ? cleanPaste(edit.text) : edit.text;
  if (text === '') return { ...field, error: null };
  if (/\s/.test(text)) return { ...field, error: WHITESPACE_ERROR };
  return { value: base + text, prefilled: false, error: null };
}
