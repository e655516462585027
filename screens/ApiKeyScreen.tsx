// Use an API key: typed or pasted (cleaned: trimmed, paste markers and quotes removed, inner
// whitespace refused), masked on screen with Tab to reveal, checked with OpenAI before saving.
// A refused key is never saved; an unreachable check offers `s` to save anyway.
import { useEffect, useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { Busy } from '../components/Busy.js';
import { KeyHints } from '../components/KeyHints.js';
import { TextField } from '../components/TextField.js';
import { useLatestState } from '../components/hooks/useLatestState.js';
import { useTerminalSize } from '../components/hooks/useTerminalSize.js';
import { useServices } from '../components/services.js';
import { editSecret, type SecretField } from '../components/text/secretInput.js';
import { useTheme } from '../components/theme.js';
import { maskForDisplay } from '../src/auth/mask.js';
import { useFlow } from './flow.js';

export const EMPTY_KEY = 'API key cannot be empty';
export const ENV_DETECTED = 'Detected OPENAI_API_KEY environment variable.';

type Phase = { kind: 'editing' } | { kind: 'verifying' } | { kind: 'unreachable'; message: string } | { kind: 'saving' };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function ApiKeyScreen() {
  const { login } = useServices();
  const flow = useFlow();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  const [field, setField, latestField] = useLatestState<SecretField>(() => {
    const env = login.envApiKey();
    return { value: env ?? '', prefilled: env !== null, error: null };
  });
  const [fromEnv] = useState(() => field.prefilled);
  const [revealed, setRevealed] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
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

  useInput((input, key) => {
    if (key.escape) return flow.back();
    if (phase.kind === 'verifying' || phase.kind === 'saving') return;
    if (phase.kind === 'unreachable' && input === 's') return save(latestField.current.value, false);
    if (key.tab) return setRevealed((r) => !r);
    if (key.return) return verify(latestField.current.value);
    if (input === 'q' && latestField.current.value === '' && !key.ctrl) return flow.quit(0);
    if (key.backspace || key.delete) {
      setPhase({ kind: 'editing' });
      return setField((f) => editSecret(f, { kind: 'backspace' }));
    }
    if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || input === '') return;
    setPhase({ kind: 'editing' });
    setField((f) => editSecret(f, { kind: 'text', text: input }));
  });

  const shown = field.value === '' ? '' : revealed ? field.value : maskForDisplay(field.value);
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
          {field.prefilled ? <Text dimColor>Type or paste to use a different key.</Text> : null}
        </Box>
      ) : null}
      <TextField label="API key" value={shown} placeholder="Paste or type your API key" focused={phase.kind === 'editing' || phase.kind === 'unreachable'} />
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
