// The key hints: `enter continue | esc back`, dim. They wrap onto another line, a whole hint at a
// time, rather than lose an action at the edge of a narrow terminal. ASCII on purpose: measuring
// any other character makes Ink's string-width load the Unicode segmenter (about 12 ms), and hints
// are on every first frame.
import { Box, Text } from 'ink';
import { textRows } from './text/rows.js';

const hintText = ([key, what]: readonly [string, string], i: number) => `${i > 0 ? ' | ' : ''}${key} ${what}`;

/**
 * The rows the hints take at `columns`, wrapped as the Box below wraps them: a whole hint at a time,
 * and a hint wider than the terminal on rows of its own (Ink shrinks it to the width and wraps it).
 */
export function hintRows(hints: readonly (readonly [string, string])[], columns: number): number {
  let rows = 0;
  let used = 0;
  let line = 0;
  hints.forEach((hint, i) => {
    const text = hintText(hint, i);
    if (used > 0 && used + text.length > columns) {
      rows += line;
      used = 0;
      line = 0;
    }
    used += text.length;
    line = Math.max(line, text.length > columns ? textRows(text, columns) : 1);
  });
  return Math.max(1, rows + line);
}

export function KeyHints({ hints }: { hints: readonly (readonly [string, string])[] }) {
  return (
    <Box flexWrap="wrap">
      {hints.map(([key, what], i) => (
        <Text key={key} dimColor>{hintText([key, what], i)}</Text>
      ))}
    </Box>
  );
}
