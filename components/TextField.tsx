// A one-line text field view: label, value (or a dim placeholder), and a block cursor when focused.
import { Box, Text } from 'ink';
import { useTheme } from './theme.js';

interface Props {
  label: string;
  value: string;
  placeholder: string;
  focused?: boolean;
}

export function TextField({ label, value, placeholder, focused = true }: Props) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold>{label}</Text>
      <Text wrap="truncate-start">
        <Text color={theme.accent}>{'> '}</Text>
        {value === '' ? <Text dimColor>{placeholder}</Text> : value}
        {focused ? <Text inverse> </Text> : null}
      </Text>
    </Box>
  );
}
