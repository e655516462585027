// The key hints: `enter continue | esc back`, dim. They wrap onto another line, a whole hint at a
// time, rather than lose an action at the edge of a narrow terminal. ASCII on purpose: measuring
// any other character makes Ink's string-width load the Unicode segmenter (about 12 ms), and hints
// are on every first frame.
import { Box, Text } from 'ink';

const hintText = ([key, what]: readonly [string, string], i: number) => `${i > 0 ? ' | ' : ''}${key} ${what}`;

/** The rows the hints take at `columns`, wrapped as the Box below wraps them (a whole hint at a time). */
export function hintRows(hints: readonly (readonly [string, string])[], columns: number): number {
  let rows = 1;
  let used = 0;
  hints.forEach((hint, i) => {
    const width = hintText(hint, i).length;
    if (used > 0 && used + width > columns) {
      rows++;
      used = width;
    } else used += width;
  });
  return rows;
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
