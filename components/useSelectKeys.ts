// The keys of a SelectList, the same on every screen that shows one: Up/Down or k/j move (wrapping,
// skipping disabled rows), a digit picks that row, Enter picks the highlighted one, Esc cancels when
// the screen can go back, q quits. Returns the highlighted index.
import { useKeys, useKeyState } from './input/Keyboard.js';
import { actionOf, letterOf } from './input/keymap.js';
import { moveSelection } from './SelectList.js';

export interface SelectKeyActions {
  choose(index: number): void;
  /** Esc; without it Esc does nothing here. */
  cancel?: (() => void) | null;
  quit(): void;
}

export function useSelectKeys(choices: readonly { disabled?: boolean }[], initial: () => number, actions: SelectKeyActions): number {
  const [selected, setSelected, latestSelected] = useKeyState(initial);
  useKeys((key) => {
    const action = actionOf(key);
    const letter = letterOf(key);
    if (action === 'up' || letter === 'k') setSelected((i) => moveSelection(choices, i, -1));
    else if (action === 'down' || letter === 'j') setSelected((i) => moveSelection(choices, i, 1));
    else if (action === 'submit') actions.choose(latestSelected.current);
    else if (letter && /^[1-9]$/.test(letter) && Number(letter) <= choices.length) {
      setSelected(Number(letter) - 1);
      actions.choose(Number(letter) - 1);
    } else if (action === 'cancel') actions.cancel?.();
    else if (letter === 'q') actions.quit();
  });
  return selected;
}
