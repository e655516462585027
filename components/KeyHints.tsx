// The key hints: `enter continue | esc back`, dim. They wrap onto another line, a whole hint at a
// time, rather than lose an action at the edge of a narrow terminal. ASCII on purpose: measuring
// any other character makes Ink's string-width load the Unicode segmenter (about 12 ms), and hints
// are on every first frame.
import { Box, Text } from 'ink';

export function KeyHints({ hints }: { hints: readonly (readonly [string, string])[] }) {
  return (
    <Box flexWrap="wrap">
      {hints.map(([key, what], i) => (
        <Text key={key} dimColor>{`${i > 0 ? ' | ' : ''}${key} ${what}`}</Text>
      ))}
    </Box>
  );
}
