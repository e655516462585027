// Matching typed text to commands: prefix matches first (name, then alias), then fuzzy
// subsequence matches; and the closest name for a typo.
import type { PaletteCommand } from './types.js';

const isSubsequence = (needle: string, haystack: string): boolean => {
  let at = 0;
  for (const char of haystack) if (char === needle[at]) at++;
  return at === needle.length;
};

/** `query` is what follows the slash. */
export function filterCommands<C extends PaletteCommand>(query: string, commands: readonly C[]): C[] {
  const q = query.toLowerCase();
  const names = (c: C) => [c.name, ...c.aliases];
  const prefix = commands.filter((c) => names(c).some((n) => n.startsWith(q)));
  const fuzzy = commands.filter((c) => !prefix.includes(c) && names(c).some((n) => isSubsequence(q, n)));
  const rank = (c: C) => (c.name.startsWith(q) ? 0 : 1);
  return [...prefix.sort((a, b) => rank(a) - rank(b)), ...fuzzy];
}

export function findCommand<C extends PaletteCommand>(name: string, commands: readonly C[]): C | undefined {
  const n = name.toLowerCase();
  return commands.find((c) => c.name === n) ?? commands.find((c) => c.aliases.includes(n));
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/**
 * The command whose name is closest to `name` (fuzzy/prefix match first, else edit distance);
 * undefined when even the closest is too far off to be a typo (`/foo` suggests nothing).
 */
export function closestCommand<C extends PaletteCommand>(name: string, commands: readonly C[]): C | undefined {
  const filtered = filterCommands(name, commands);
  if (filtered.length > 0) return filtered[0];
  let best: { command: C; distance: number } | undefined;
  for (const command of commands) {
    const distance = editDistance(name.toLowerCase(), command.name);
    if (!best || distance < best.distance) best = { command, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(name.length / 2)) ? best.command : undefined;
}

/** `/status extra` -> { name: 'status', args: 'extra' }; null when the text is not a command. */
export function parseCommandLine(text: string): { name: string; args: string } | null {
  const match = /^\/(\S*)\s*(.*)$/s.exec(text.trim());
  return match ? { name: match[1]!, args: match[2]!.trim() } : null;
}
