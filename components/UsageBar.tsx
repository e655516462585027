// One usage window as a bar: `5h limit   [████░░░░░░░░] 24% used · resets in 1h 0m (14:05)`.
import { Text } from 'ink';
import type { UsageWindow } from '../src/status/usage.js';
import { formatAbsolute, formatRelative } from './text/format.js';
import { useTheme } from './theme.js';

export function usageBar(percent: number, width: number): string {
  const filled = Math.round((Math.min(100, Math.max(0, percent)) / 100) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

interface Props {
  window: UsageWindow;
  now: number;
  columns: number;
}

const parts = (window: UsageWindow, now: number, columns: number) => {
  const width = columns >= 80 ? 20 : 10;
  const reset = window.resetsAt === null ? '' : ` · resets ${formatRelative(window.resetsAt, now)}`;
  const at = window.resetsAt !== null && columns >= 80 ? ` (${formatAbsolute(window.resetsAt)})` : '';
  return { lead: `  ${window.label.padEnd(13)}`, bar: `[${usageBar(window.usedPercent, width)}]`, tail: ` ${Math.round(window.usedPercent)}% used${reset}${at}` };
};

/** Wraps rather than cut: the reset time is what the row is read for. */
export function UsageBar({ window, now, columns }: Props) {
  const theme = useTheme();
  const color = window.usedPercent >= 90 ? theme.error : window.usedPercent >= 70 ? theme.warning : theme.success;
  const { lead, bar, tail } = parts(window, now, columns);
  return (
    <Text>
      {lead}
      <Text color={color}>{bar}</Text>
      {tail}
    </Text>
  );
}
