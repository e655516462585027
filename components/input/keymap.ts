// THE table of what keys mean. Every screen asks `actionOf(key)` instead of testing bytes or
// Ink's key flags itself, so Ctrl+C quits, Esc cancels and Ctrl+U clears a field the same way
// everywhere. Text keys (characters, pastes) have no action: a screen reads them as text or as
// its own one-letter commands (q, c, d, 1-3) when its field is empty.
import type { Key } from './keys.js';

export type Action =
  | 'quit'
  | 'cancel'
  | 'submit'
  | 'complete'
  // Lists and panels: up/down move a highlight; a panel taller than the terminal (/status, /help)
  // scrolls with up/down, pageUp/pageDown, and home/end when no field text is in the way.
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  // Line editing (readline habits).
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'backspace'
  | 'deleteForward'
  | 'killToStart'
  | 'killToEnd'
  /** Ctrl+W: back to the previous space (readline's unix-word-rubout). */
  | 'killSpaceWordBack'
  /** Alt+Backspace: back to the start of the word (letters and digits). */
  | 'killWordBack';

export const KEY_MEANINGS: Readonly<Record<string, Action>> = {
  'ctrl+c': 'quit',
  'ctrl+d': 'quit',
  escape: 'cancel',
  enter: 'submit',
  tab: 'complete',
  up: 'up',
  down: 'down',
  'ctrl+p': 'up',
  'ctrl+n': 'down',
  pageUp: 'pageUp',
  pageDown: 'pageDown',
  left: 'left',
  right: 'right',
  'ctrl+b': 'left',
  'ctrl+f': 'right',
  home: 'home',
  end: 'end',
  'ctrl+a': 'home',
  'ctrl+e': 'end',
  backspace: 'backspace',
  delete: 'deleteForward',
  'ctrl+u': 'killToStart',
  'ctrl+k': 'killToEnd',
  'ctrl+w': 'killSpaceWordBack',
  'meta+backspace': 'killWordBack',
};

export function actionOf(key: Key): Action | null {
  return key.kind === 'key' ? KEY_MEANINGS[key.name] ?? null : null;
}

/** The text a key types: a character or a paste; null for every other key. */
export function textOf(key: Key): string | null {
  return key.kind === 'char' || key.kind === 'paste' ? key.text : null;
}

/** A one-letter command (`q`, `c`, `2`): typed alone, not pasted. */
export function letterOf(key: Key): string | null {
  return key.kind === 'char' ? key.text : null;
}
