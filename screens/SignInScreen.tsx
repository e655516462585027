// The sign-in picker: ChatGPT in the browser, device code, or an API key. Arrow keys or j/k
// (wrapping), 1-3 to pick directly, Enter to continue, Esc back home (when switching), q to quit.
import { useMemo } from 'react';
import { Box, Text } from 'ink';
import { KeyHints } from '../components/KeyHints.js';
import { ReportLines, type Line } from '../components/ReportLines.js';
import { SelectList } from '../components/SelectList.js';
import { useSelectKeys } from '../components/useSelectKeys.js';
import { useAuth } from '../components/hooks/useAuth.js';
import { useTerminalSize } from '../components/hooks/useTerminalSize.js';
import { useServices } from '../components/services.js';
import { useTheme } from '../components/theme.js';
import { useFlow } from './flow.js';
import { API_DISABLED_LINE, defaultChoice, signInChoices, type Method } from './signInChoices.js';

interface Props {
  error?: string | undefined;
  report?: Line[] | undefined;
  /** Set when the picker was opened from home (/login): Esc goes back there. */
  onHome: (() => void) | null;
}

export const DEVICE_SUGGESTED = ' - device code suggested';

const ROUTE: Record<Method, 'browser' | 'device' | 'apikey'> = { browser: 'browser', device: 'device', apikey: 'apikey' };

export function SignInScreen({ error, report = [], onHome }: Props) {
  const { login } = useServices();
  const { snapshot } = useAuth();
  const flow = useFlow();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  const environment = useMemo(() => login.environment(), [login]);
  const choices = useMemo(() => signInChoices(login.forcedLoginMethod), [login]);
  const selected = useSelectKeys(choices, () => defaultChoice(choices, environment.remote), {
    choose: (index) => {
      const choice = choices[index];
      if (choice && !choice.disabled) flow.go({ name: ROUTE[choice.id] });
    },
    cancel: onHome,
    quit: () => flow.quit(0),
  });
  // Say why the device code is highlighted: "Container detected" alone leaves a person guessing.
  const suggestsDevice = choices[defaultChoice(choices, environment.remote)]?.id === 'device';


  const gap = compact ? 0 : 1;
  return (
    <Box flexDirection="column">
      <Box flexDirection="column" marginBottom={gap}>
        <Text bold>{onHome ? 'Switch account or sign-in method' : 'Welcome to Codex'}</Text>
        {compact ? null : (
          <Text dimColor>
            {onHome
              ? 'You stay signed in as you are until the new sign-in succeeds.'
              : 'Sign in with your ChatGPT plan, or connect an API key for usage-based billing.'}
          </Text>
        )}
      </Box>
      <ReportLines lines={report} marginBottom={gap} />
      {snapshot.loadError ? (
        <Box flexDirection="column" marginBottom={gap}>
          <Text color={theme.error}>✗ {snapshot.loadError}</Text>
          {compact ? null : <Text dimColor>The file was left untouched. Fix or move it yourself, or sign in below.</Text>}
        </Box>
      ) : null}
      {snapshot.notAllowed ? (
        <Box flexDirection="column" marginBottom={gap}>
          <Text color={theme.warning}>! {snapshot.notAllowed.reason}</Text>
          {compact ? null : <Text dimColor>Those credentials ({snapshot.notAllowed.storedAt}) are not used. Signing in below replaces them.</Text>}
        </Box>
      ) : null}
      <SelectList choices={choices} selected={selected} compact={compact} />
      <Box flexDirection="column" marginTop={gap}>
        {environment.reason ? <Text dimColor>{environment.reason}{suggestsDevice ? DEVICE_SUGGESTED : ''}</Text> : null}
        {login.forcedLoginMethod === 'chatgpt' ? <Text dimColor>{API_DISABLED_LINE}</Text> : null}
        {error ? <Text color={theme.error}>{error}</Text> : null}
        <KeyHints hints={[['up/down', 'choose'], ['enter', 'continue'], ...(onHome ? [['esc', 'back'] as const] : []), ['q', 'quit']]} />
      </Box>
    </Box>
  );
}
