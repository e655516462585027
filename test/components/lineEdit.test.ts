import { describe, expect, it } from 'vitest';
import { parseKeys } from '../../components/input/keys.js';
import { EMPTY_LINE, editLine, lineOf, type Line } from '../../components/input/lineEdit.js';

/** Applies every key of `input` (one read) to `line`. */
const type = (input: string, line: Line = EMPTY_LINE): Line =>
  parseKeys(input).reduce((l, key) => editLine(l, key) ?? l, line);

describe('line editing (readline habits)', () => {
  it('Left/Right move, typing inserts at the cursor', () => {
    expect(type('acd\x1b[D\x1b[Db')).toEqual({ value: 'abcd', cursor: 2 });
    expect(type('ab\x1b[D\x1b[D\x1b[D\x1b[CX')).toEqual({ value: 'aXb', cursor: 2 }); // Left stops at the start
  });

  it('Home/End and Ctrl+A/E', () => {
    expect(type('bc\x1b[Ha')).toEqual({ value: 'abc', cursor: 1 });
    expect(type('bc\x01a\x05d')).toEqual({ value: 'abcd', cursor: 4 });
    expect(type('bc\x1bOHa\x1b[4~d')).toEqual({ value: 'abcd', cursor: 4 });
  });

  it('Backspace deletes before the cursor, Delete after it', () => {
    expect(type('abc\x1b[D\x7f')).toEqual({ value: 'ac', cursor: 1 });
    expect(type('abc\x1b[D\x1b[3~')).toEqual({ value: 'ab', cursor: 2 });
    expect(type('abc\x1b[3~')).toEqual({ value: 'abc', cursor: 3 }); // nothing after the cursor
    expect(type('\x7f')).toEqual(EMPTY_LINE);
  });

  it('Ctrl+U kills to the start, Ctrl+K to the end', () => {
    expect(type('hello world\x1b[D\x1b[D\x15')).toEqual({ value: 'ld', cursor: 0 });
    expect(type('hello world\x01\x1b[C\x0b')).toEqual({ value: 'h', cursor: 1 });
  });

  it('Ctrl+W kills back to a space; Alt+Backspace back to the start of a word', () => {
    expect(type('/status  extra words  \x17')).toEqual({ value: '/status  extra ', cursor: 15 });
    expect(type('http://a.b/cb?code=xyz\x17')).toEqual(EMPTY_LINE);
    expect(type('http://a.b/cb?code=xyz\x1b\x7f')).toEqual({ value: 'http://a.b/cb?code=', cursor: 19 });
    expect(type('one two\x1b\x7f\x1b\x7f')).toEqual(EMPTY_LINE);
  });

  it('a paste is one edit: one Ctrl+U clears it; after 5,000 characters Backspace works one by one', () => {
    const big = 'x'.repeat(5000);
    const pasted = type(`ab\x1b[200~${big}\x1b[201~`);
    expect(pasted.value.length).toBe(5002);
    const erased = type('\x7f'.repeat(100), pasted);
    expect(erased.value.length).toBe(4902);
    expect(type('\x15', erased)).toEqual(EMPTY_LINE);
  });

  it('moves over a character outside the BMP as one', () => {
    expect(type('a😀\x1b[D\x1b[Db', EMPTY_LINE)).toEqual({ value: 'ba😀', cursor: 1 });
    expect(type('\x7f', lineOf('a😀'))).toEqual({ value: 'a', cursor: 1 });
  });

  it('keys that are not for the line leave it to the screen', () => {
    expect(parseKeys('\r\x1b\t\x1b[A').map((k) => editLine(lineOf('x'), k))).toEqual([null, null, null, null]);
  });
});
