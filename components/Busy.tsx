// A spinner and what is being waited for. No spinner where motion is reduced (TERM=dumb,
// NO_COLOR, CODEX_REDUCED_MOTION=1) or when `still`: a waiting screen that is idle for minutes
// must not repaint its frame ten times a second for an animation. ASCII frames under a non-UTF-8 locale.
import { Text } from 'ink';
import Spinner from 'ink-spinner';
import { useTheme } from './theme.js';

export function Busy({ label, still = false }: { label: string; still?: boolean }) {
  const theme = useTheme();
  const animate = theme.motion && !still;
  return (
    <Text>
      <Text color={theme.accent}>{animate ? <Spinner type={theme.ascii ? 'line' : 'dots'} /> : '*'}</Text> {label}
    </Text>
  );
}
