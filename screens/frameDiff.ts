// Redraws only the lines of a frame that changed. Ink (standard mode) erases its whole last frame
// and writes the next one on every change: a keystroke in the API key field rewrote all of it
// (about 330 bytes at 100 columns), and a screen reader or a slow link got the whole frame again.
// Given the frame the terminal shows (one row per line, the cursor on the row below it), this is
// what turns it into the next one: up to the first line that changed, those lines, back down.
// Why not Ink's own `incrementalRendering` (6.8): here it lands each changed line one row too low
// (measured: the API key field's line repeated down the screen, one row per key).

/** Bytes that turn the drawn `previous` frame into `next`, the cursor left below it; '' when equal. */
export function frameUpdate(previous: readonly string[], next: readonly string[]): string {
  let first = 0;
  while (first < previous.length && first < next.length && previous[first] === next[first]) first++;
  if (first === previous.length && first === next.length) return '';
  // The same height: only up to the last changed line. Otherwise every line from the first change.
  let last = next.length - 1;
  if (previous.length === next.length) while (last > first && previous[last] === next[last]) last--;
  const up = previous.length - first;
  let out = up > 0 ? `\x1b[${up}A` : '';
  // Erase first, then write: an erase after a line as wide as the terminal would take its last character.
  for (let i = first; i <= last; i++) out += `\x1b[2K${next[i]}\n`;
  if (next.length < previous.length) out += '\x1b[J'; // the old frame's rows below the new one
  else if (next.length - (last + 1) > 0) out += `\x1b[${next.length - (last + 1)}B`;
  return out;
}
