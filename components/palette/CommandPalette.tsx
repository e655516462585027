// The palette under the composer: matching commands, the highlighted one in the accent colour.
// Pure view; the home screen owns the query and the highlighted index.
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import type { PaletteCommand } from './types.js';

interface Props {
  matches: readonly PaletteCommand[];
  active: number;
  maxRows: number;
}

export function CommandPalette({ matches, active, maxRows }: Props) {
  const theme = useTheme();
  if (matches.length === 0) return <Text dimColor>  no matching command</Text>;
  const start = Math.min(Math.max(0, active - maxRows + 1), Math.max(0, matches.length - maxRows));
  const width = Math.max(...matches.map((c) => c.name.length)) + 2;
  return (
    <Box flexDirection="column">
      {matches.slice(start, start + Math.max(1, maxRows)).map((command, i) => {
        const selected = start + i === active;
        return (
          <Text key={command.name} wrap="truncate-end" color={selected ? theme.accent : undefined} bold={selected}>
            {selected ? '> ' : '  '}{`/${command.name}`.padEnd(width)}
            <Text dimColor={!selected}>{command.description}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
