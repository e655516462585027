import { describe, expect, it } from 'vitest';
import { maskForDisplay } from '../../src/credential/mask.js';
import { WHITESPACE_ERROR, cleanPaste, editSecret, type SecretField } from '../../components/text/secretInput.js';

const empty: SecretField = { value: '', prefilled: false, error: null };

describe('API key field editing', () => {
  it.each([
    ['\x1b[200~sk-abc123\x1b[201~', 'sk-abc123'],
    ['[200~sk-abc123[201~', 'sk-abc123'],
    ['  sk-abc123\r\n', 'sk-abc123'],
    ['"sk-abc123"', 'sk-abc123'],
    ["' `sk-abc123` '", 'sk-abc123'],
  ])('cleans %j', (pasted, expected) => {
    expect(cleanPaste(pasted)).toBe(expected);
    expect(editSecret(empty, { kind: 'text', text: pasted }).value).toBe(expected);
  });

  it('refuses inner whitespace and keeps the previous value', () => {
    const field = { ...empty, value: 'sk-' };
    expect(editSecret(field, { kind: 'text', text: 'abc def' })).toEqual({ ...field, error: WHITESPACE_ERROR });
    expect(editSecret(field, { kind: 'text', text: 'abc\ndef' }).error).toBe(WHITESPACE_ERROR);
  });

  it('the first edit replaces a prefilled value; backspace clears it', () => {
    const prefilled = { value: 'sk-env-key-123456', prefilled: true, error: null };
    expect(editSecret(prefilled, { kind: 'text', text: 'x' })).toEqual({ value: 'x', prefilled: false, error: null, cursor: 1 });
    expect(editSecret(prefilled, { kind: 'text', text: 'sk-pasted' }).value).toBe('sk-pasted');
    expect(editSecret(prefilled, { kind: 'backspace' }).value).toBe('');
    expect(editSecret({ ...empty, value: 'abc' }, { kind: 'backspace' }).value).toBe('ab');
  });

  it('applies Backspaces that arrive in one burst instead of storing them as characters', () => {
    expect(editSecret({ ...empty, value: 'sk-bad12345' }, { kind: 'text', text: '\x7f\x7f' }).value).toBe('sk-bad123');
    expect(editSecret(empty, { kind: 'text', text: 'sk-ab\x7fc\b\bxyz' }).value).toBe('sk-xyz');
    expect(editSecret({ value: 'sk-env', prefilled: true, error: null }, { kind: 'text', text: '\x7f\x7f' }).value).toBe('');
  });

  it('the masked length reads as English for one character', () => {
    expect(maskForDisplay('s')).toBe('*** (1 char)');
    expect(maskForDisplay('sk')).toBe('*** (2 chars)');
    // One mask format everywhere: the one `login status` and home show, and the length.
    expect(maskForDisplay('sk-good-0123456789abcdef')).toBe('sk-good-***bcdef (24 chars)');
  });
});
