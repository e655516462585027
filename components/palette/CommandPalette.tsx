// The palette under the composer: matching commands, the highlighted one in the accent colour.
// A description too long for the terminal wraps in its column. Pure view; the home screen owns the
// query and the highlighted index.
import { Box, Text } from 'ink';
import { useTheme } from '../theme.js';
import { textRows } from '../text/rows.js';
import type { PaletteCommand } from './types.js';

interface Props {
  matches: readonly PaletteCommand[];
  active: number;
  /** Rows the palette may take (a wrapped description takes more than one). */
  maxRows: number;
  columns: number;
}

/** The matches shown: from the first when the highlighted one fits that way, else ending at it; whole rows within `maxRows`. */
export function paletteWindow(heights: readonly number[], active: number, maxRows: number): { start: number; end: number } {
  const fitFrom = (start: number) => {
    let end = start;
    for (let used = 0; end < heights.length && (end === start || used + heights[end]! <= maxRows); end++) used += heights[end]!;
    return end;
  };
  if (active < fitFrom(0)) return { start: 0, end: fitFrom(0) };
  let start = active;
  for (let used = heights[active]!; start > 0 && used + heights[start - 1]! <= maxRows; start--) used += heights[start - 1]!;
  return { start, end: fitFrom(start) };
}

export function CommandPalette({ matches, active, maxRows, columns }: Props) {
  const theme = useTheme();
  // No row to spare (a very short window): nothing, so the frame stays shorter than the terminal.
  if (maxRows < 1) return null;
  if (matches.length === 0) return <Text dimColor wrap="truncate-end">  no matching command</Text>;
  const width = Math.max(...matches.map((c) => c.name.length)) + 2;
  const room = Math.max(1, columns - width - 2);
  // Rows as Ink wraps each description in its column; one that cannot fit the rows at all is cut to one.
  const wrapped = matches.map((c) => textRows(c.description, room));
  const cut = wrapped.map((rows) => rows > maxRows);
  const heights = wrapped.map((rows, i) => (cut[i] ? 1 : rows));
  const { start, end } = paletteWindow(heights, Math.min(active, matches.length - 1), maxRows);
  return (
    <Box flexDirection="column">
      {matches.slice(start, end).map((command, i) => {
        const selected = start + i === active;
        const color = selected ? theme.accent : undefined;
        return (
          <Box key={command.name}>
            <Box width={width + 2} flexShrink={0}><Text color={color} bold={selected}>{selected ? '> ' : '  '}{`/${command.name}`}</Text></Box>
            <Text key={cut[start + i] ? 'cut' : 'wrapped'} color={color} bold={selected} dimColor={!selected} wrap={cut[start + i] ? 'truncate-end' : 'wrap'}>{command.description}</Text>
          </Box>
        );
      })}
    </Box>
  );
}
