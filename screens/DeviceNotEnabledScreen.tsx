// Device code sign-in is switched off for this account or workspace: say how to turn it on, and
// offer the other methods the workspace allows.
import { useMemo, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { KeyHints } from '../components/KeyHints.js';
import { SelectList, moveSelection } from '../components/SelectList.js';
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
  const [selected, setSelected] = useState(() => Math.max(0, choices.findIndex((c) => !c.disabled)));
  const choose = (index: number) => {
    const choice = choices[index];
    if (choice && !choice.disabled) flow.go({ name: choice.id === 'browser' ? 'browser' : 'apikey' });
  };
  useInput((input, key) => {
    if (key.upArrow || input === 'k') setSelected((i) => moveSelection(choices, i, -1));
    else if (key.downArrow || input === 'j') setSelected((i) => moveSelection(choices, i, 1));
    else if (key.return) choose(selected);
    else if (/^[1-9]$/.test(input)) choose(Number(input) - 1);
    else if (key.escape) flow.back();
    else if (input === 'q' && !key.ctrl) flow.quit(0);
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
