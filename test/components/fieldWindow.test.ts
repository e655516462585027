// The visible part of a one-line field wider than the terminal: it always holds the cursor and fits
// the columns, counting a CJK character as two (as the terminal draws it).
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fieldWindow } from '../../components/TextField.js';

/** Columns the window takes, with the end's block when the cursor stands there. */
const columns = (value: string, cursor: number, window: { start: number; end: number }) =>
  stringWidth(value.slice(window.start, window.end)) + (cursor >= value.length && window.end === value.length ? 1 : 0);

describe('fieldWindow', () => {
  it('a value that fits is shown whole', () => {
    expect(fieldWindow('hello', 5, 10)).toEqual({ start: 0, end: 5 });
  });

  it('ASCII: the cursor at the end shows the last characters and the block', () => {
    expect(fieldWindow('abcdefghij', 10, 5)).toEqual({ start: 6, end: 10 });
  });

  it('ASCII: a cursor in the middle gets half the room before it', () => {
    expect(fieldWindow('abcdefghijklmnopqrst', 10, 6)).toEqual({ start: 7, end: 13 });
  });

  it('CJK at the end: the last characters fit the columns and the cursor stays in view', () => {
    const value = '日本語のテキストをたくさん入力します';
    const window = fieldWindow(value, value.length, 11);
    expect(window.end).toBe(value.length);
    expect(columns(value, value.length, window)).toBeLessThanOrEqual(11);
    expect(value.slice(window.start, window.end)).toBe('入力します'); // 10 columns + the block
  });

  it('mixed text, every cursor position and width: within the columns, cursor inside', () => {
    const value = 'ab日本cd語🙂ef中文gh';
    const positions = [...Array.from(value).keys()].map((i) => Array.from(value).slice(0, i).join('').length).concat(value.length);
    for (let width = 2; width <= 20; width++) {
      for (const cursor of positions) {
        const window = fieldWindow(value, cursor, width);
        expect(window.start).toBeLessThanOrEqual(cursor);
        expect(cursor < value.length ? window.end > cursor : window.end === value.length).toBe(true);
        expect(columns(value, cursor, window)).toBeLessThanOrEqual(width);
      }
    }
  });
});
