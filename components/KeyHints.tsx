// One dim line of key hints: `enter continue | esc back`. ASCII on purpose: measuring any other
// character makes Ink's string-width load the Unicode segmenter (about 12 ms), and hints are on
// every first frame.
import { Text } from 'ink';

export function KeyHints({ hints }: { hints: readonly (readonly [string, string])[] }) {
  return <Text dimColor wrap="truncate-end">{hints.map(([key, what]) => `${key} ${what}`).join(' | ')}</Text>;
}
