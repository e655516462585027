// Sign in with ChatGPT in a browser. The authorize URL is printed once above the frame as one
// unbroken line (copyable by selection, OSC 8 where supported); `c` copies it, `d` switches to a
// device code, Esc cancels. If the browser ends on a page this machine cannot reach, the person
// pastes that URL back here.
import { useEffect, useState } from 'react';
import { Box, Text, useStdout } from 'ink';
import { Busy } from '../components/Busy.js';
import { KeyHints } from '../components/KeyHints.js';
import { PrintedLink } from '../components/PrintedLink.js';
import { TextField } from '../components/TextField.js';
import { useNow } from '../components/hooks/useNow.js';
import { useKeys, useKeyState } from '../components/input/Keyboard.js';
import { actionOf, letterOf } from '../components/input/keymap.js';
import { EMPTY_LINE, editLine } from '../components/input/lineEdit.js';
import { tokenTag } from '../src/credential/mask.js';
import { callbackRedirectUri } from '../src/oauth/authorizeUrl.js';
import { useTerminalSize } from '../components/hooks/useTerminalSize.js';
import { useServices } from '../components/services.js';
import { formatWait } from '../components/text/format.js';
import { supportsHyperlinks } from '../components/text/hyperlink.js';
import { cleanPaste } from '../components/text/secretInput.js';
import { useTheme } from '../components/theme.js';
import type { BrowserLoginAttempt } from '../src/oauth/types.js';
import { useFarewell, useFlow } from './flow.js';
import { useLoginAttempt } from './useLoginAttempt.js';

export const PASTE_LABEL = 'Paste the URL your browser ended on';

const copiedTo = (where: 'clipboard' | 'osc52') =>
  where === 'clipboard'
    ? 'Link copied to the clipboard of this machine.'
    : "Link sent to your terminal's clipboard (OSC 52), which also works over SSH when the terminal allows it.";

export function BrowserLoginScreen() {
  const { login, env } = useServices();
  const flow = useFlow();
  const theme = useTheme();
  const { columns, compact } = useTerminalSize();
  const now = useNow(1000);
  const [pasted, setPasted, latestPasted] = useKeyState(EMPTY_LINE);
  const [note, setNote] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [submitting, setSubmitting, latestSubmitting] = useKeyState(false);
  const attempt: BrowserLoginAttempt | null = useLoginAttempt(
    () => login.startBrowserLogin({ originator: 'codex-tui' }),
    (success) => flow.succeeded(success, 'browser'),
    (error) => flow.failed(error),
  );

  useFarewell(attempt ? 'Sign-in cancelled; the link above no longer works.' : 'Sign-in cancelled.');

  // A browser that could not be started is said at once: the link above is then the way in.
  useEffect(() => {
    let live = true;
    void attempt?.browserOpened?.then((result) => {
      if (live && !result.opened && result.via !== 'none' && result.error) {
        setNote({ tone: 'error', text: `Could not open a browser (${result.error}). Open the link above yourself, or press d for a device code.` });
      }
    });
    return () => {
      live = false;
    };
  }, [attempt]);

  const submit = (text: string) => {
    if (!attempt || text === '') return;
    setSubmitting(true);
    setNote(null);
    attempt.submitCallbackUrl(text).then(
      () => setNote({ tone: 'info', text: 'Completing sign-in…' }),
      (error: unknown) => {
        setSubmitting(false);
        setPasted(EMPTY_LINE);
        setNote({ tone: 'error', text: `${error instanceof Error ? error.message : String(error)} Still waiting for the browser.` });
      },
    );
  };

  const { write } = useStdout();
  /** Leaving this screen kills the printed link; say so under it, since it stays in the scrollback. */
  const leave = (then: () => void) => {
    if (attempt) write('(Sign-in cancelled: the link above no longer works.)\n\n');
    then();
  };

  useKeys((key) => {
    const action = actionOf(key);
    const letter = letterOf(key);
    if (action === 'cancel') return leave(() => flow.back());
    if (!attempt || latestSubmitting.current) return;
    if (action === 'submit') return submit(cleanPaste(latestPasted.current.value));
    const typed = latestPasted.current.value;
    if (typed === '' && letter === 'c') {
      login.copyToClipboard(attempt.authUrl).then(
        (where) => setNote({ tone: 'info', text: copiedTo(where) }),
        (error: unknown) => setNote({ tone: 'error', text: `Could not copy the link (${error instanceof Error ? error.message : String(error)}); select it above instead.` }),
      );
    } else if (typed === '' && letter === 'd') leave(() => flow.go({ name: 'device' }));
    else if (typed === '' && letter === 'q') flow.quit(0);
    else {
      const edited = editLine(latestPasted.current, key);
      if (edited) setPasted(edited);
    }
  });

  if (!attempt) return <Busy label="Starting sign-in…" />;
  const remaining = attempt.expiresAt - now;
  const gap = compact ? 0 : 1;
  const tunnel = sshTunnelCommand(env, attempt.port);
  return (
    <Box flexDirection="column">
      <Text bold>Finish signing in via your browser</Text>
      <Box marginBottom={gap}>
        <PrintedLink label="Open this link to sign in with ChatGPT:" url={attempt.authUrl} linkable={supportsHyperlinks(env)} columns={columns} />
      </Box>
      {remaining > 0
        ? <Busy label={`Waiting for the browser… ${formatWait(remaining)} left`} still />
        : <Text color={theme.error}>Timed out.</Text>}
      {compact ? null : <Text dimColor>On a remote or headless machine? Press d to use a device code.</Text>}
      {/* Over SSH this is the way the callback gets here: shown at every size, wrapped, never cut. */}
      {tunnel ? <Text dimColor>Or forward the callback from your computer: {tunnel}</Text> : null}
      <Box marginTop={gap} flexDirection="column">
        <TextField label={`${PASTE_LABEL}:`} value={maskCallbackSecrets(pasted.value.slice(0, pasted.cursor)) + maskCallbackSecrets(pasted.value.slice(pasted.cursor))} cursor={maskCallbackSecrets(pasted.value.slice(0, pasted.cursor)).length} placeholder={`${callbackRedirectUri(attempt.port)}?code=…`} focused={!submitting} />
        {note ? <Text color={note.tone === 'error' ? theme.error : undefined} dimColor={note.tone === 'info'}>{note.text}</Text> : null}
      </Box>
      <KeyHints hints={[['esc', 'cancel'], ['c', 'copy link'], ['d', 'device code'], ['enter', 'submit pasted URL']]} />
    </Box>
  );
}

/** The pasted address as shown: its one-time code and state cut to their last characters. */
export function maskCallbackSecrets(text: string): string {
  return text.replace(/([?&](?:code|state)=)([^&\s]+)/g, (_, name: string, value: string) => `${name}${tokenTag(value)}`);
}

/**
 * Over SSH the browser runs on the person's own computer, where localhost is not this machine:
 * an `ssh -L` forward carries the callback here. SSH_CONNECTION is "client port server port".
 */
export function sshTunnelCommand(env: NodeJS.ProcessEnv, port: number): string | null {
  const server = env.SSH_CONNECTION?.trim().split(/\s+/)[2];
  if (!server) return null;
  const user = env.USER ?? env.LOGNAME;
  return `ssh -N -L ${port}:127.0.0.1:${port} ${user ? `${user}@` : ''}${server}`;
}
