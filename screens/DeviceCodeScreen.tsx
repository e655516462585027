// Sign in from another device: open the verification link anywhere, enter the one-time code.
// The code is drawn bold as one unbroken token (selecting it copies exactly the code); it expires
// after 15 minutes (shown in minutes, so the idle screen redraws once a minute); Esc cancels.
import { useState } from 'react';
import { Box, Text } from 'ink';
import { Busy } from '../components/Busy.js';
import { KeyHints } from '../components/KeyHints.js';
import { PrintedLink } from '../components/PrintedLink.js';
import { useNow } from '../components/hooks/useNow.js';
import { useKeys } from '../components/input/Keyboard.js';
import { actionOf, letterOf } from '../components/input/keymap.js';
import { useTerminalSize } from '../components/hooks/useTerminalSize.js';
import { useServices } from '../components/services.js';
import { formatWait } from '../components/text/format.js';
import { supportsHyperlinks } from '../components/text/hyperlink.js';
import { useTheme } from '../components/theme.js';
import { DEVICE_CODE_WARNING } from '../src/oauth/loginWords.js';
import type { DeviceLoginAttempt } from '../src/oauth/types.js';
import { useFarewell, useFlow } from './flow.js';
import { useLoginAttempt } from './useLoginAttempt.js';

export const DEVICE_WAITING = 'Waiting for you to enter the code…';
/** The real CLI 0.171's warning (src/oauth/deviceLogin.ts), on screen as in `codex login --device-auth`. */
export const PHISHING_WARNING = DEVICE_CODE_WARNING;

export function DeviceCodeScreen() {
  const { login, env } = useServices();
  const flow = useFlow();
  const theme = useTheme();
  const { columns, compact } = useTerminalSize();
  const now = useNow(1000);
  const [note, setNote] = useState<string | null>(null);
  const attempt: DeviceLoginAttempt | null = useLoginAttempt(
    () => login.startDeviceLogin(),
    (success) => flow.succeeded(success, 'device'),
    (error) => flow.failed(error),
  );

  useFarewell(attempt ? `Sign-in cancelled; the code ${attempt.userCode} no longer works.` : 'Sign-in cancelled.');

  useKeys((key) => {
    const letter = letterOf(key);
    if (actionOf(key) === 'cancel') flow.back();
    else if (letter === 'q') flow.quit(0);
    else if (letter === 'c' && attempt) {
      login.copyToClipboard(attempt.userCode).then(
        (where) => setNote(where === 'clipboard' ? 'Code copied to the clipboard.' : "Code sent to your terminal's clipboard (OSC 52)."),
        () => setNote('Could not copy the code; type it from the screen.'),
      );
    }
  });

  if (!attempt) return <Busy label="Requesting a one-time code…" />;
  const remaining = attempt.expiresAt - now;
  const gap = compact ? 0 : 1;
  return (
    <Box flexDirection="column">
      {/* Small terminals drop the title: the steps say it, and 0.171's warning takes three lines at 40 columns. */}
      {compact ? null : <Box marginBottom={gap}><Text bold>Sign in from any device</Text></Box>}
      <Text>1. Open this link in a browser and sign in:</Text>
      <Box marginBottom={gap} paddingLeft={compact ? 0 : 3}>
        <PrintedLink label="Open this link in a browser and sign in:" url={attempt.verificationUrl} linkable={supportsHyperlinks(env)} columns={columns - (compact ? 0 : 3)} inlineWhenFits />
      </Box>
      <Text>
        2. Enter this one-time code{' '}
        {remaining > 0 ? `(expires in ${formatWait(remaining)}):` : <Text color={theme.error}>(expired)</Text>}
      </Text>
      <Box marginY={gap} paddingLeft={compact ? 0 : 3}>
        <Text bold color={theme.accent} dimColor={remaining <= 0}>{attempt.userCode}</Text>
      </Box>
      {remaining > 0 ? <Busy label={DEVICE_WAITING} still /> : null}
      <Text dimColor>{PHISHING_WARNING}</Text>
      {note ? <Text dimColor>{note}</Text> : null}
      <Box marginTop={gap}><KeyHints hints={[['c', 'copy code'], ['esc', 'cancel'], ['q', 'quit']]} /></Box>
    </Box>
  );
}
