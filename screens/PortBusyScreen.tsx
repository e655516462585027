// The browser sign-in could not listen on its callback port (another sign-in, or another program).
// Offers the device code (Enter), which needs no local port, or back to the picker (Esc).
import { Box, Text } from 'ink';
import { useKeys } from '../components/input/Keyboard.js';
import { actionOf, letterOf } from '../components/input/keymap.js';
import { KeyHints } from '../components/KeyHints.js';
import { useTerminalSize } from '../components/hooks/useTerminalSize.js';
import { useTheme } from '../components/theme.js';
import { useFlow } from './flow.js';

export function PortBusyScreen({ port, message }: { port: number; message: string }) {
  const flow = useFlow();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  useKeys((key) => {
    const action = actionOf(key);
    if (action === 'submit') flow.go({ name: 'device' });
    else if (action === 'cancel') flow.back();
    else if (letterOf(key) === 'q') flow.quit(0);
  });
  return (
    <Box flexDirection="column">
      <Text bold color={theme.warning}>Port {port} is already in use</Text>
      <Text>{message}</Text>
      <Box marginY={compact ? 0 : 1} flexDirection="column">
        <Text>
          {compact
            ? 'Close the other sign-in, or use a device code (no local port needed).'
            : `The browser sign-in listens on port ${port} for its callback. Close the other sign-in (another Codex window?), or sign in with a one-time device code, which needs no local port.`}
        </Text>
      </Box>
      <KeyHints hints={[['enter', 'use a device code'], ['esc', 'back'], ['q', 'quit']]} />
    </Box>
  );
}
