// The scroll window of a tall panel: what is shown and what the indicator lines count.
import { describe, expect, it } from 'vitest';
import { BOTTOM, scrollBy, scrollWindow } from '../../components/scroll.js';

describe('scroll window', () => {
  it('everything when it fits; else the shown lines and both counts add up to the total, in exactly the room', () => {
    expect(scrollWindow(5, 5, 3)).toEqual({ top: 0, shown: 5, above: 0, below: 0, joined: false });
    for (let top = 0; top <= 20; top++) {
      const w = scrollWindow(20, 6, top);
      expect(w.above + w.shown + w.below).toBe(20);
      expect(w.shown + (w.above > 0 ? 1 : 0) + (w.below > 0 ? 1 : 0)).toBe(6);
    }
    expect(scrollWindow(20, 6, 99)).toMatchObject({ top: 15, shown: 5, above: 15, below: 0 }); // the last line shown
  });

  it('under 4 rows both counts share one line, so two lines of the panel are still shown', () => {
    expect(scrollWindow(20, 3, 5)).toEqual({ top: 5, shown: 2, above: 5, below: 13, joined: true });
  });

  it('in one row only the counts, on one line; in none nothing (the frame stays shorter than the terminal)', () => {
    expect(scrollWindow(20, 1, 5)).toEqual({ top: 5, shown: 0, above: 5, below: 15, joined: true });
    expect(scrollWindow(20, 0, 5)).toEqual({ top: 0, shown: 0, above: 0, below: 0, joined: false });
    expect(scrollWindow(0, 0, 0).shown).toBe(0);
  });

  it('keys: a line, a page (keeping one line), either end; the bottom stays the bottom', () => {
    expect(scrollBy('down', 0, 20, 6)).toBe(1);
    expect(scrollBy('up', 0, 20, 6)).toBe(0);
    expect(scrollBy('pageDown', 0, 20, 6)).toBe(4); // 5 shown at the top: a page is 4
    expect(scrollBy('end', 3, 20, 6)).toBe(BOTTOM);
    expect(scrollBy('home', 9, 20, 6)).toBe(0);
    expect(scrollWindow(30, 6, scrollBy('end', 0, 20, 6)).below).toBe(0); // the panel grew: still its end
    expect(scrollBy('pageDown', 0, null, 6)).toBe(4); // not measured yet: scrolls as if long
  });
});
