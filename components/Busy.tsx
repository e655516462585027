// A spinner and what is being waited for. With NO_COLOR the spinner is still shown (it is not colour).
import { Text } from 'ink';
import Spinner from 'ink-spinner';
import { useTheme } from './theme.js';

export function Busy({ label }: { label: string }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      <Text color={theme.accent}><Spinner type="dots" /></Text> {label}
    </Text>
  );
}
