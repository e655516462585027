// Slash commands, declared once as data. An action never draws or does I/O: it returns a
// CommandResult that the home screen interprets in one place (useCommandRunner.ts).
import type { PaletteCommand } from '../components/palette/types.js';
import { capabilities, describe } from '../src/auth/describe.js';
import type { AuthSnapshot } from '../src/auth/types.js';

export type Availability = 'always' | 'signedIn' | 'signedOut' | 'chatgptOnly';

export type CommandResult =
  | { kind: 'show-status' }
  | { kind: 'show-usage' }
  | { kind: 'show-help' }
  | { kind: 'logout' }
  | { kind: 'open-login' }
  | { kind: 'quit' }
  | { kind: 'message'; tone: 'info' | 'error'; text: string };

export interface SlashCommand extends PaletteCommand {
  availability: Availability;
  action(snapshot: AuthSnapshot): CommandResult;
}

export const COMMANDS: readonly SlashCommand[] = [
  { name: 'status', aliases: [], description: 'show who is signed in, where credentials live, live checks', availability: 'always', action: () => ({ kind: 'show-status' }) },
  { name: 'usage', aliases: ['limits'], description: 'show ChatGPT usage limits', availability: 'chatgptOnly', action: () => ({ kind: 'show-usage' }) },
  { name: 'login', aliases: ['switch'], description: 'sign in again: another account or method', availability: 'always', action: () => ({ kind: 'open-login' }) },
  { name: 'logout', aliases: [], description: 'sign out and remove stored credentials', availability: 'signedIn', action: () => ({ kind: 'logout' }) },
  { name: 'help', aliases: ['?'], description: 'list commands and keys', availability: 'always', action: () => ({ kind: 'show-help' }) },
  { name: 'quit', aliases: ['exit'], description: 'leave codex', availability: 'always', action: () => ({ kind: 'quit' }) },
];


/** Null when the command applies now, else a sentence saying why not. */
export function unavailableReason(command: SlashCommand, snapshot: AuthSnapshot): string | null {
  const signedIn = snapshot.status === 'signedIn';
  switch (command.availability) {
    case 'always':
      return null;
    case 'signedIn':
      return signedIn ? null : `/${command.name} needs you to be signed in.`;
    case 'signedOut':
      return signedIn ? `/${command.name} is only available when signed out.` : null;
    case 'chatgptOnly':
      if (snapshot.status !== 'signedIn') return `/${command.name} needs a ChatGPT sign-in.`;
      if (capabilities(snapshot.identity).canReadUsage) return null;
      return `/${command.name} needs a ChatGPT sign-in; this session uses ${describe(snapshot.identity).noun}.`;
  }
}

export const availableCommands = (snapshot: AuthSnapshot, commands = COMMANDS): SlashCommand[] =>
  commands.filter((command) => unavailableReason(command, snapshot) === null);
