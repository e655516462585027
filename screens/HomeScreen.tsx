// Home, once signed in: who you are, the last sign-in's result, banners from the AuthManager, a
// composer and the slash palette (opens on `/`, filters as you type, ↑/↓, Tab completes, Enter
// runs, Esc closes). Esc otherwise closes the panel, then dismisses the newest non-sticky banner.
import { useMemo, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { Banners } from '../components/Banner.js';
import { Busy } from '../components/Busy.js';
import { KeyHints } from '../components/KeyHints.js';
import { ReportLines, type Line } from '../components/ReportLines.js';
import { applyErasures } from '../components/text/erasures.js';
import { CommandPalette } from '../components/palette/CommandPalette.js';
import { COMMANDS, availableCommands } from './commands.js';
import { filterCommands, findCommand } from '../components/palette/match.js';
import { useAuth } from '../components/hooks/useAuth.js';
import { useNow } from '../components/hooks/useNow.js';
import { useLatestState } from '../components/hooks/useLatestState.js';
import { useTerminalSize } from '../components/hooks/useTerminalSize.js';
import { useTheme } from '../components/theme.js';
import type { AuthSnapshot } from '../src/auth/types.js';
import { HelpPanel } from './HelpPanel.js';
import { StatusPanel } from './StatusPanel.js';
import { useCommandRunner } from './useCommandRunner.js';
import { describe } from '../src/auth/describe.js';

export function whoLine(snapshot: AuthSnapshot): string {
  return snapshot.status === 'signedIn' ? describe(snapshot.identity).who : 'Signed in';
}

const linesFor = (text: string, columns: number) => Math.max(1, Math.ceil(text.length / Math.max(1, columns)));

export function HomeScreen({ info }: { info: Line[] }) {
  const { snapshot, auth } = useAuth();
  const theme = useTheme();
  const { columns, rows } = useTerminalSize();
  const now = useNow(1000, snapshot.notices.some((n) => n.retryAt !== undefined));
  const { panel, setPanel, run } = useCommandRunner();
  const [text, setText, latestText] = useLatestState('');
  const [active, setActive] = useState(0);

  const paletteOpen = /^\/\S*$/.test(text);
  const matches = useMemo(() => (paletteOpen ? filterCommands(text.slice(1), availableCommands(snapshot)) : []), [paletteOpen, text, snapshot]);
  const replaceText = (next: string | ((previous: string) => string)) => {
    setText(next);
    setActive(0);
  };

  useInput((input, key) => {
    if (paletteOpen && matches.length > 0 && (key.upArrow || key.downArrow)) {
      setActive((i) => (i + (key.upArrow ? -1 : 1) + matches.length) % matches.length);
    } else if (key.tab && paletteOpen && matches[active]) {
      replaceText(`/${matches[active]!.name} `);
    } else if (key.return) {
      const text = latestText.current;
      if (text.trim() === '') return;
      // An exact name runs (or says why it cannot); otherwise the highlighted match; otherwise the text.
      const exact = findCommand(text.slice(1), COMMANDS);
      const highlighted = paletteOpen && !exact ? matches[active] : undefined;
      replaceText('');
      run(highlighted ?? text);
    } else if (key.escape) {
      if (paletteOpen) replaceText('');
      else if (panel.kind !== 'none') setPanel({ kind: 'none' });
      else {
        const dismissable = [...snapshot.notices].reverse().find((n) => !n.sticky);
        if (dismissable) auth.dismissNotice(dismissable.id);
      }
    } else if (key.backspace || key.delete) {
      replaceText((previous) => previous.slice(0, -1));
    } else if (!key.ctrl && !key.meta && !key.tab && !key.upArrow && !key.downArrow && !key.leftArrow && !key.rightArrow && input !== '') {
      // Typed or pasted text. Edits go through the newest value (useLatestState), never a render-old
      // copy: keys that arrive faster than React re-renders are all kept.
      replaceText((previous) => applyErasures(previous + input.replace(/\x1b?\[20[01]~/g, '').replace(/[\r\n]/g, '')));
    }
  });

  const bannerLines = snapshot.notices.reduce((sum, n) => sum + linesFor(n.message, columns) + (n.action || !n.sticky ? 1 : 0), 0);
  const fixed = 1 + (info.length > 0 ? info.length + 1 : 0) + (bannerLines > 0 ? bannerLines + 1 : 0) + 3;
  // One spare row: a frame as tall as the terminal makes Ink clear the whole screen on every redraw.
  const room = Math.max(1, rows - fixed - 2);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end" color={theme.accent}>{whoLine(snapshot)}</Text>
      <ReportLines lines={info} />
      <Banners notices={snapshot.notices} now={now} />
      <Box>
        <Text color={theme.accent}>{'> '}</Text>
        <Text>{text === '' ? <Text dimColor>Type / for commands</Text> : text}<Text inverse> </Text></Text>
      </Box>
      {paletteOpen ? <CommandPalette matches={matches} active={active} maxRows={Math.min(6, room)} /> : <PanelView panel={panel} room={room} columns={columns} snapshot={snapshot} />}
      <KeyHints hints={paletteOpen ? [['up/down', 'move'], ['tab', 'complete'], ['enter', 'run'], ['esc', 'close']] : [['/', 'commands'], ['esc', 'dismiss'], ['ctrl+c', 'quit']]} />
    </Box>
  );
}

function PanelView({ panel, room, columns, snapshot }: { panel: ReturnType<typeof useCommandRunner>['panel']; room: number; columns: number; snapshot: AuthSnapshot }) {
  const theme = useTheme();
  switch (panel.kind) {
    case 'none':
      return null;
    case 'busy':
      return <Busy label={panel.label} />;
    case 'message':
      return <Text color={panel.tone === 'error' ? theme.error : undefined} dimColor={panel.tone === 'info'}>{panel.text}</Text>;
    case 'help':
      return <HelpPanel snapshot={snapshot} maxRows={room} />;
    case 'status':
    case 'usage':
      return <StatusPanel maxRows={room} columns={columns} usageOnly={panel.kind === 'usage'} />;
  }
}
