// The browser sign-in could not listen on its callback port (another sign-in, or another program).
// Offers the device code (Enter), which needs no local port, or back to the picker (Esc).
import { Box, Text, useInput } from 'ink';
import { KeyHints } from '../components/KeyHints.js';
import { useTerminalSize } from '../components/hooks/useTerminalSize.js';
import { useTheme } from '../components/theme.js';
import { useFlow } from './flow.js';

export function PortBusyScreen({ port, message }: { port: number; message: string }) {
  const flow = useFlow();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  useInput((input, key) => {
    if (key.return) flow.go({ name: 'device' });
    else if (key.escape) flow.back();
    else if (input === 'q' && !key.ctrl) flow.quit(0);
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
