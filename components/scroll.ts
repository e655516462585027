// Which lines of a tall panel are shown, pure: `total` lines (as wrapped on screen) in `room` rows.
// When they do not fit, a line above says how many are hidden above, one below how many below, so
// nothing is dropped silently; the shown lines take the rest, and the panel is exactly `room` tall.
// In under 4 rows both counts share one line below, so that a line of the panel is still shown; in
// one row that line is all there is, and in none nothing is (the frame must stay shorter than the terminal).
import type { Action } from './input/keymap.js';

export interface ScrollWindow {
  /** The first line shown. */
  top: number;
  shown: number;
  above: number;
  below: number;
  /** Both counts on one line below the shown ones (a room under 4 rows). */
  joined: boolean;
}

/** The window at `top` (clamped): everything when it fits. */
export function scrollWindow(total: number, room: number, top: number): ScrollWindow {
  const rows = Math.max(0, Math.floor(room));
  if (total <= rows) return { top: 0, shown: total, above: 0, below: 0, joined: false };
  if (rows === 0) return { top: 0, shown: 0, above: 0, below: 0, joined: false };
  const joined = rows < 4;
  // At either end one indicator line, in between two (or one when joined): the last top shows the
  // last line with one.
  const last = total - Math.max(1, rows - 1);
  const at = Math.min(Math.max(0, Math.round(top)), last);
  const shown = joined ? rows - 1 : Math.max(1, rows - (at > 0 ? 1 : 0) - (at < last ? 1 : 0));
  return { top: at, shown, above: at, below: Math.max(0, total - at - shown), joined };
}

/** The scroll keys: up/down a line, pgup/pgdn a page, home/end to either end. */
export const SCROLL_ACTIONS: ReadonlySet<Action> = new Set<Action>(['up', 'down', 'pageUp', 'pageDown', 'home', 'end']);

/** At the bottom: stays there when the panel grows or the window narrows (a late live check, a resize). */
export const BOTTOM = Number.MAX_SAFE_INTEGER;

/**
 * The new top after `action`; `total` unknown (the panel not drawn yet) scrolls as if it were long.
 * Reaching the last line gives BOTTOM, so the end stays in view whatever the panel's height becomes.
 */
export function scrollBy(action: Action, top: number, total: number | null, room: number): number {
  const length = total ?? Number.MAX_SAFE_INTEGER;
  const from = scrollWindow(length, room, top);
  const page = Math.max(1, from.shown - 1); // a page keeps one line of the last one in view
  const next =
    action === 'up' ? from.top - 1
    : action === 'down' ? from.top + 1
    : action === 'pageUp' ? from.top - page
    : action === 'pageDown' ? from.top + page
    : action === 'home' ? 0
    : action === 'end' ? BOTTOM
    : from.top;
  const to = scrollWindow(length, room, next);
  return total !== null && to.below === 0 && to.above > 0 ? BOTTOM : to.top;
}
