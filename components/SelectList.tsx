// A numbered list of choices with one highlighted row; disabled rows are shown dim and skipped.
// A label or description too long for the terminal wraps under itself (never cut with "…").
import { Box, Text } from 'ink';
import { useTheme } from './theme.js';

export interface Choice<T extends string> {
  id: T;
  label: string;
  description: string;
  disabled?: boolean;
}

interface Props<T extends string> {
  choices: readonly Choice<T>[];
  selected: number;
  compact: boolean;
}

export function SelectList<T extends string>({ choices, selected, compact }: Props<T>) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {choices.map((choice, index) => {
        const active = index === selected;
        const marker = active ? '>' : ' ';
        const color = choice.disabled ? undefined : active ? theme.accent : undefined;
        return (
          <Box key={choice.id} flexDirection="column" marginBottom={compact || index === choices.length - 1 ? 0 : 1}>
            <Box>
              <Box width={5} flexShrink={0}><Text color={color} bold={active && !choice.disabled} dimColor={choice.disabled}>{marker} {index + 1}.</Text></Box>
              <Text color={color} bold={active && !choice.disabled} dimColor={choice.disabled}>{choice.label}</Text>
            </Box>
            {compact && !choice.disabled ? null : (
              <Box paddingLeft={5}>
                <Text dimColor color={active ? theme.accent : undefined}>{choice.description}</Text>
              </Box>
            )}
          </Box>
        );
      })}
    </Box>
  );
}

/** Next enabled index in `direction`, wrapping around; the same index when none other is enabled. */
export function moveSelection(choices: readonly { disabled?: boolean }[], from: number, direction: 1 | -1): number {
  for (let step = 1; step <= choices.length; step++) {
    const index = (from + direction * step + choices.length * step) % choices.length;
    if (!choices[index]?.disabled) return index;
  }
  return from;
}
