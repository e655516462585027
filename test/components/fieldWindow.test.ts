// The visible part of a one-line field wider than the terminal: it always holds the cursor and fits
// the columns, counting a CJK character as two (as the terminal draws it).
import stringWidth from 'string-width';
import { describe, expect, it, vi } from 'vitest';
import { fieldWindow } from '../../components/TextField.js';

// Counts what the field measures, to show a long value is not measured whole on every keystroke.
const measured = vi.hoisted(() => ({ count: 0 }));
vi.mock('string-width', async (importOriginal) => {
  const real = (await importOriginal<typeof import('string-width')>()).default;
  return { default: (text: string) => (measured.count++, real(text)) };
});

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

  it('an emoji drawn two columns wide counts two: eight hearts do not fit nine columns', () => {
    const value = '❤️'.repeat(8); // U+2764 U+FE0F: one grapheme, two columns
    const window = fieldWindow(value, value.length, 9);
    expect(columns(value, value.length, window)).toBeLessThanOrEqual(9);
    expect(value.slice(window.start, window.end)).toBe('❤️'.repeat(4));
  });

  it('never starts on a lone accent', () => {
    const value = 'e\u0301'.repeat(6);
    for (let width = 2; width <= 8; width++) expect(value[fieldWindow(value, value.length, width).start]).toBe('e');
  });

  it('a long paste costs what a short line does: only the text near the cursor is measured', () => {
    const value = 'é' + 'a'.repeat(1 << 20) + '日本語';
    measured.count = 0;
    const window = fieldWindow(value, value.length, 80);
    expect(measured.count).toBeLessThan(1_000); // measuring it whole is a million calls
    expect(value.slice(window.start, window.end)).toBe('a'.repeat(73) + '日本語');
  });

  it('mixed text, every cursor position and width: within the columns, cursor inside', () => {
    const value = 'ab日本cd語🙂ef中文ghe\u0301❤️👍🏽ij';
    const positions = Array.from(new Intl.Segmenter().segment(value), (s) => s.index).concat(value.length);
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
