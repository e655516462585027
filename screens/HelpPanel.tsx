// /help: the commands that apply now, the ones that do not (and why), and the keys. Each command's
// words wrap in their own column; a list taller than the room scrolls (components/ScrollView.tsx).
import { Box, Text } from 'ink';
import { ScrollView, type ScrollMetrics } from '../components/ScrollView.js';
import type { AuthSnapshot } from '../src/auth/types.js';
import { COMMANDS, unavailableReason } from './commands.js';

export const HELP_KEYS = 'Keys: / opens commands · up/down move, or scroll this list · pgup/pgdn, home/end scroll · tab complete · enter run · esc close · ctrl+c quit';

interface Props {
  snapshot: AuthSnapshot;
  room: number;
  top?: number;
  onMeasure?: (metrics: ScrollMetrics) => void;
}

export function HelpPanel({ snapshot, room, top = 0, onMeasure }: Props) {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 3;
  return (
    <ScrollView top={top} room={room} onMeasure={onMeasure}>
      {COMMANDS.map((command) => {
        const reason = unavailableReason(command, snapshot);
        const aliases = command.aliases.length > 0 ? ` (also /${command.aliases.join(', /')})` : '';
        // An unavailable command's reason starts with its own name; the column already shows it.
        const what = reason === null ? command.description : `(${reason.slice(command.name.length + 2)})`;
        return (
          <Box key={command.name}>
            <Box width={width} flexShrink={0}><Text dimColor={reason !== null}>/{command.name}</Text></Box>
            <Text dimColor={reason !== null}>{what}{aliases}</Text>
          </Box>
        );
      })}
      <Text dimColor>{HELP_KEYS}</Text>
    </ScrollView>
  );
}
