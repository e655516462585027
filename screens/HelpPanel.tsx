// /help: the commands that apply now, the ones that do not (and why), and the keys.
import { Box, Text } from 'ink';
import type { AuthSnapshot } from '../src/auth/types.js';
import { COMMANDS, unavailableReason } from './commands.js';

export function HelpPanel({ snapshot, maxRows }: { snapshot: AuthSnapshot; maxRows: number }) {
  const lines = COMMANDS.map((command) => {
    const reason = unavailableReason(command, snapshot);
    const aliases = command.aliases.length > 0 ? ` (also /${command.aliases.join(', /')})` : '';
    // An unavailable command's reason starts with its own name; the column already shows it.
    const what = reason === null ? command.description : `(${reason.slice(command.name.length + 2)})`;
    return { key: command.name, dim: reason !== null, text: `/${command.name.padEnd(8)}${what}${aliases}` };
  });
  lines.push({ key: 'keys', dim: true, text: 'Keys: / opens commands · ↑↓ move · tab complete · enter run · esc close · ctrl+c quit' });
  return (
    <Box flexDirection="column">
      {lines.slice(0, Math.max(1, maxRows)).map((line) => (
        <Text key={line.key} dimColor={line.dim} wrap="truncate-end">{line.text}</Text>
      ))}
    </Box>
  );
}
