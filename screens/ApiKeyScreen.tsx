// Use an API key: typed or pasted (cleaned: trimmed, paste markers and quotes removed, inner
// whitespace refused), masked on screen with Tab to reveal, checked with OpenAI before saving.
// A refused key is never saved; an unreachable check offers `s` to save anyway.
import { useEffect, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { Busy } from '../components/Busy.js';
import { KeyHints } from '../components/KeyHints.js';
import { TextField } from '../components/TextField.js';
import { useKeys, useKeyState } from '../components/input/Keyboard.js';
import { actionOf, letterOf, textOf } from '../components/input/keymap.js';
import { useTerminalSize } from '../components/hooks/useTerminalSize.js';
import { useServices } from '../components/services.js';
import { cursorOf, editSecret, type SecretField } from '../components/text/secretInput.js';
import { useTheme } from '../components/theme.js';
import { maskForDisplay } from '../src/credential/mask.js';
import { useFarewell, useFlow } from './flow.js';

export const EMPTY_KEY = 'API key cannot be empty';
export const ENV_DETECTED = 'Detected OPENAI_API_KEY environment variable.';

type Phase = { kind: 'editing' } | { kind: 'verifying' } | { kind: 'unreachable'; message: string } | { kind: 'saving' };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function ApiKeyScreen() {
  const { login } = useServices();
  const flow = useFlow();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  const [field, setField, latestField] = useKeyState<SecretField>(() => {
    const env = login.envApiKey();
    return { value: env ?? '', prefilled: env !== null, error: null };
  });
  const [fromEnv] = useState(() => field.prefilled);
  const [revealed, setRevealed] = useState(false);
  const [phase, setPhase, latestPhase] = useKeyState<Phase>({ kind: 'editing' });
  // Esc leaves while a check runs: its late verdict must not save the key (or navigate) after that.
  const live = useRef(true);
  useEffect(() => () => {
    live.current = false;
  }, []);

  const save = (key: string, verified: boolean) => {
    setPhase({ kind: 'saving' });
    login.saveApiKey(key).then(
      (success) => flow.succeeded(success, verified ? 'apikey' : 'apikey-unverified'),
      (error: unknown) => {
        setPhase({ kind: 'editing' });
        setField((f) => ({ ...f, error: `Failed to save API key: ${messageOf(error)}` }));
      },
    );
  };

  const verify = (key: string) => {
    if (key === '') return setField((f) => ({ ...f, error: EMPTY_KEY }));
    setPhase({ kind: 'verifying' });
    login.verifyApiKey(key).then(
      (verdict) => {
        if (!live.current) return;
        if (verdict.status === 'valid') return save(key, true);
        if (verdict.status === 'unreachable') return setPhase({ kind: 'unreachable', message: verdict.message });
        setPhase({ kind: 'editing' });
        if (verdict.status === 'invalid') return setField((f) => ({ ...f, error: `${verdict.message} Nothing was sent or saved.` }));
        setField((f) => ({ ...f, error: `OpenAI refused this key: ${verdict.message} Nothing was saved.` }));
      },
      (error: unknown) => {
        if (live.current) setPhase({ kind: 'unreachable', message: messageOf(error) });
      },
    );
  };

  useFarewell(phase.kind === 'saving' ? null : phase.kind === 'verifying' || (field.value !== '' && !field.prefilled) ? 'Sign-in cancelled; no API key was saved.' : null);

  useKeys((key) => {
    const action = actionOf(key);
    const letter = letterOf(key);
    const phase = latestPhase.current;
    if (action === 'cancel') return flow.back();
    if (phase.kind === 'verifying' || phase.kind === 'saving') return;
    if (phase.kind === 'unreachable' && letter === 's') return save(latestField.current.value, false);
    if (action === 'complete') return setRevealed((r) => !r);
    if (action === 'submit') return verify(latestField.current.value);
    if (letter === 'q' && latestField.current.value === '') return flow.quit(0);
    const text = textOf(key);
    if (text === null && action === null) return;
    setPhase({ kind: 'editing' });
    setField((f) => editSecret(f, text !== null ? { kind: 'text', text } : { kind: 'action', action: action! }));
  });

  const cursor = cursorOf(field);
  const atEnd = cursor >= field.value.length;
  // Masked, the cursor cannot be drawn on a character: its place is said instead.
  const shown = field.value === '' ? '' : revealed ? field.value : `${maskForDisplay(field.value)}${atEnd ? '' : `, cursor at ${cursor + 1}`}`;
  const gap = compact ? 0 : 1;
  return (
    <Box flexDirection="column">
      <Box flexDirection="column" marginBottom={gap}>
        <Text bold>Use your own OpenAI API key</Text>
        {compact ? null : <Text dimColor>Usage-based billing. The key is checked with OpenAI, then stored like other credentials.</Text>}
      </Box>
      {fromEnv ? (
        <Box flexDirection="column" marginBottom={gap}>
          <Text>{ENV_DETECTED}</Text>
          {field.prefilled && !compact ? <Text dimColor>Type or paste to use a different key.</Text> : null}
        </Box>
      ) : null}
      <TextField label="API key" value={shown} cursor={revealed ? cursor : undefined} placeholder="Paste or type your API key" focused={phase.kind === 'editing' || phase.kind === 'unreachable'} />
      {field.error ? <Text color={theme.error}>{field.error}</Text> : null}
      {phase.kind === 'verifying' ? <Busy label="Checking the key with OpenAI…" /> : null}
      {phase.kind === 'saving' ? <Busy label="Saving the key…" /> : null}
      {phase.kind === 'unreachable' ? (
        <Box flexDirection="column">
          <Text color={theme.warning}>Could not verify the key: {phase.message}</Text>
          <Text>The key was not verified. Press s to save it anyway, or esc to go back.</Text>
        </Box>
      ) : null}
      <Box marginTop={gap}>
        <KeyHints hints={[['enter', 'check and save'], ['tab', revealed ? 'hide key' : 'show key'], ['esc', 'back']]} />
      </Box>
    </Box>
  );
}
