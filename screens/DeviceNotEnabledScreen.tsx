// Device code sign-in is switched off for this account or workspace: say how to turn it on, and
// offer the other methods the workspace allows.
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import { KeyHints } from '../components/KeyHints.js';
import { SelectList } from '../components/SelectList.js';
import { useSelectKeys } from '../components/useSelectKeys.js';
import { useTerminalSize } from '../components/hooks/useTerminalSize.js';
import { useServices } from '../components/services.js';
import { useTheme } from '../components/theme.js';
import { useFlow } from './flow.js';
import { signInChoices } from './signInChoices.js';

export const ENABLE_DEVICE_CODE =
  'To turn it on: in ChatGPT open Settings → Security and enable device code authorization for Codex, or ask your workspace admin to enable it.';

export function DeviceNotEnabledScreen({ message }: { message: string }) {
  const { login } = useServices();
  const flow = useFlow();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  const choices = useMemo(() => signInChoices(login.forcedLoginMethod).filter((c) => c.id !== 'device'), [login]);
  const selected = useSelectKeys(choices, () => Math.max(0, choices.findIndex((c) => !c.disabled)), {
    choose: (index) => {
      const choice = choices[index];
      if (choice && !choice.disabled) flow.go({ name: choice.id === 'browser' ? 'browser' : 'apikey' });
    },
    cancel: () => flow.back(),
    quit: () => flow.quit(0),
  });
  return (
    <Box flexDirection="column">
      <Text bold color={theme.warning}>Device code sign-in is not enabled</Text>
      <Text>{message}</Text>
      <Box marginY={compact ? 0 : 1}><Text>{ENABLE_DEVICE_CODE}</Text></Box>
      <Text dimColor>Or sign in another way:</Text>
      <SelectList choices={choices} selected={selected} compact={compact} />
      <KeyHints hints={[['enter', 'continue'], ['esc', 'back'], ['q', 'quit']]} />
    </Box>
  );
}
