// A few coloured result lines (success, info, warning, error).
import { Box, Text } from 'ink';
import { useTheme, type Theme } from './theme.js';

export interface Line {
  tone: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

const colorOf = (theme: Theme, tone: Line['tone']) =>
  tone === 'success' ? theme.success : tone === 'warning' ? theme.warning : tone === 'error' ? theme.error : undefined;

export function ReportLines({ lines, marginBottom = 1 }: { lines: readonly Line[]; marginBottom?: number }) {
  const theme = useTheme();
  if (lines.length === 0) return null;
  return (
    <Box flexDirection="column" marginBottom={marginBottom}>
      {lines.map((line, i) => (
        <Text key={i} color={colorOf(theme, line.tone)} dimColor={line.tone === 'info'}>{line.text}</Text>
      ))}
    </Box>
  );
}
