// Key sequences as a terminal sends them, and ANSI stripping, shared by the Ink and pseudo-terminal helpers.
import { stripVTControlCharacters } from 'node:util';

export const KEYS = {
  up: '\x1b[A',
  down: '\x1b[B',
  left: '\x1b[D',
  right: '\x1b[C',
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  backspace: '\x7f',
  ctrlC: '\x03',
  ctrlD: '\x04',
  pasteStart: '\x1b[200~',
  pasteEnd: '\x1b[201~',
} as const;

/** Text without colours, cursor movement, OSC titles or links (Node's own parser of escape sequences). */
export const stripAnsi = (text: string): string => stripVTControlCharacters(text);
