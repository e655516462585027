// The ONE place that turns a command's result into what happens on screen: a panel under the
// composer, a sign-out, the picker, or quitting. Also resolves typed text to a command.
import { useCallback } from 'react';
import type { AuthSnapshot } from '../src/auth/types.js';
import { COMMANDS, unavailableReason, type CommandResult, type SlashCommand } from './commands.js';
import { closestCommand, findCommand, parseCommandLine } from '../components/palette/match.js';
import { useServices } from '../components/services.js';
import { useKeyState } from '../components/input/Keyboard.js';
import { useFlow } from './flow.js';
import { logoutReport } from './messages.js';
import { chatgptDetailsOf, describe } from '../src/auth/describe.js';

export type Panel =
  | { kind: 'none' }
  | { kind: 'status' }
  | { kind: 'usage' }
  | { kind: 'help' }
  | { kind: 'busy'; label: string }
  /** /logout while the stored credentials belong to another account than this session's: ask first. */
  | { kind: 'confirm-logout'; stored: string; session: string }
  | { kind: 'message'; tone: 'info' | 'error'; text: string };

export const PLAIN_TEXT_HINT = 'This build only manages your sign-in; type / to see the commands.';

/** What typed text means, before running anything. */
export function resolveLine(text: string, snapshot: AuthSnapshot): CommandResult | SlashCommand {
  const parsed = parseCommandLine(text);
  if (!parsed) return { kind: 'message', tone: 'info', text: PLAIN_TEXT_HINT };
  const command = findCommand(parsed.name, COMMANDS);
  if (!command) {
    const available = COMMANDS.filter((c) => unavailableReason(c, snapshot) === null);
    const closest = parsed.name === '' ? undefined : closestCommand(parsed.name, available);
    return { kind: 'message', tone: 'error', text: `Unknown command /${parsed.name}.${closest ? ` Did you mean /${closest.name}?` : ' Type /help for the list.'}` };
  }
  const reason = unavailableReason(command, snapshot);
  if (reason) return { kind: 'message', tone: 'error', text: reason };
  // No command takes arguments: refuse extra words rather than run (and maybe sign out) anyway.
  if (parsed.args !== '') return { kind: 'message', tone: 'error', text: `/${command.name} takes no arguments; nothing was run.` };
  return command;
}

export function useCommandRunner() {
  const services = useServices();
  const flow = useFlow();
  // Ref-backed: Esc right after Enter, in the same read, must see the panel Enter opened.
  const [panel, setPanel, latestPanel] = useKeyState<Panel>({ kind: 'none' });

  const apply = useCallback((result: CommandResult) => {
    switch (result.kind) {
      case 'show-status':
        return setPanel({ kind: 'status' });
      case 'show-usage':
        return setPanel({ kind: 'usage' });
      case 'show-help':
        return setPanel({ kind: 'help' });
      case 'message':
        return setPanel({ kind: 'message', tone: result.tone, text: result.text });
      case 'open-login':
        return flow.go({ name: 'picker' });
      case 'quit':
        return flow.quit(0);
      case 'logout': {
        // Logging out revokes and deletes what is stored: when that is another account (another
        // terminal signed in since), say whose it is and ask, or let this session just end.
        const snapshot = services.auth.snapshot();
        if (snapshot.status === 'signedIn' && snapshot.diskAccountChanged) {
          const other = snapshot.diskAccountChanged;
          const session = chatgptDetailsOf(snapshot.identity)?.email ?? describe(snapshot.identity).noun;
          return setPanel({ kind: 'confirm-logout', stored: other.email ?? other.accountId ?? 'another sign-in', session });
        }
        return logout();
      }
    }
  }, [services, flow]);

  const logout = useCallback(() => {
    setPanel({ kind: 'busy', label: 'Signing out…' });
    services.auth.logout().then(
      (outcome) => flow.go({ name: 'picker', report: logoutReport(outcome, services.env) }),
      (error: unknown) => setPanel({ kind: 'message', tone: 'error', text: `Logout failed: ${error instanceof Error ? error.message : String(error)}` }),
    );
  }, [services, flow]);

  const run = useCallback((target: SlashCommand | string) => {
    const snapshot = services.auth.snapshot();
    const resolved = typeof target === 'string' ? resolveLine(target, snapshot) : target;
    apply('action' in resolved ? resolved.action(snapshot) : resolved);
  }, [services, apply]);

  return { panel, setPanel, latestPanel, run, logout };
}
