// One dim line of key hints: `enter continue · esc back`.
import { Text } from 'ink';

export function KeyHints({ hints }: { hints: readonly (readonly [string, string])[] }) {
  return <Text dimColor wrap="truncate-end">{hints.map(([key, what]) => `${key} ${what}`).join(' · ')}</Text>;
}
