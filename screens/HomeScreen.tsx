// Home, once signed in: who you are, the last sign-in's result, banners from the AuthManager, a
// composer and the slash palette (opens on `/`, filters as you type, ↑/↓, Tab completes, Enter
// runs, Esc closes). Esc otherwise closes the panel, then dismisses the newest non-sticky banner.
// A panel taller than the terminal (/status, /help, a message, the /logout question) scrolls:
// PgUp/PgDn and Up/Down, Home/End while the composer is empty (with text in it they move its cursor).
import { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Text } from 'ink';
import { Banners } from '../components/Banner.js';
import { Busy } from '../components/Busy.js';
import { KeyHints, hintRows } from '../components/KeyHints.js';
import { ScrollView, type ScrollMetrics } from '../components/ScrollView.js';
import { SCROLL_ACTIONS, scrollBy } from '../components/scroll.js';
import { ReportLines, type Line } from '../components/ReportLines.js';
import { CommandPalette } from '../components/palette/CommandPalette.js';
import { COMMANDS, availableCommands } from './commands.js';
import { filterCommands, findCommand } from '../components/palette/match.js';
import { useAuth } from '../components/hooks/useAuth.js';
import { useNow } from '../components/hooks/useNow.js';
import { useKeys, useKeyState } from '../components/input/Keyboard.js';
import { actionOf, letterOf } from '../components/input/keymap.js';
import { EMPTY_LINE, editLine, lineOf, type Line as EditLine } from '../components/input/lineEdit.js';
import { FieldPlaceholder, TextCursor } from '../components/TextField.js';
import { useTerminalSize } from '../components/hooks/useTerminalSize.js';
import { useTheme } from '../components/theme.js';
import { textRows } from '../components/text/rows.js';
import type { AuthSnapshot } from '../src/auth/types.js';
import { HelpPanel } from './HelpPanel.js';
import { StatusPanel } from './StatusPanel.js';
import { useCommandRunner, type Panel } from './useCommandRunner.js';
import { useFlow } from './flow.js';
import { describe } from '../src/auth/describe.js';
import { INFO_NOTICE_MS } from '../src/auth/authNotices.js';

const isPaletteText = (text: string) => /^\/\S*$/.test(text);

export function whoLine(snapshot: AuthSnapshot): string {
  return snapshot.status === 'signedIn' ? describe(snapshot.identity).who : 'Signed in';
}

/** Panels drawn in a ScrollView: all but none and busy (a one-line spinner). */
const scrolls = (panel: Panel) => panel.kind !== 'none' && panel.kind !== 'busy';

export function HomeScreen({ info }: { info: Line[] }) {
  const { snapshot, auth } = useAuth();
  const theme = useTheme();
  const { columns, rows } = useTerminalSize();
  const now = useNow(1000, snapshot.notices.some((n) => n.retryAt !== undefined));
  const { panel, setPanel, latestPanel, run, logout } = useCommandRunner();
  const flow = useFlow();
  const [line, setLine, latestLine] = useKeyState<EditLine>(EMPTY_LINE);
  const [active, setActive, latestActive] = useKeyState(0);
  // The panel's scroll position, for that panel only (a new panel starts at its top).
  const [scroll, setScroll, latestScroll] = useKeyState<{ of: Panel; top: number }>({ of: panel, top: 0 });
  const measured = useRef<(ScrollMetrics & { of: Panel }) | null>(null);
  const [overflows, setOverflows] = useState(false);
  const onMeasure = (metrics: ScrollMetrics) => {
    measured.current = { ...metrics, of: panel };
    setOverflows(metrics.total > metrics.room);
  };
  const text = line.value;

  // Informational banners ("another session refreshed your sign-in") clear by themselves.
  useEffect(() => {
    const timers = snapshot.notices.filter((n) => n.level === 'info').map((n) => setTimeout(() => auth.dismissNotice(n.id), INFO_NOTICE_MS));
    return () => timers.forEach(clearTimeout);
  }, [snapshot.notices, auth]);
  // A dead sign-in is not shown in the accent colour, as if all were well.
  const signInDead = snapshot.status === 'signedIn' && snapshot.refreshFailure !== null;
  // Esc closes an open panel, else dismisses the newest non-sticky banner: its hint only when it does either.
  const canDismiss = snapshot.notices.some((n) => !n.sticky);

  const paletteOpen = isPaletteText(text);
  const matches = useMemo(() => (paletteOpen ? filterCommands(text.slice(1), availableCommands(snapshot)) : []), [paletteOpen, text, snapshot]);
  const replaceLine = (next: EditLine) => {
    if (next.value !== latestLine.current.value) setActive(0);
    setLine(next);
  };

  // Every key reads the newest composer line, highlight and panel (a key before it in the same
  // read may have changed them), and the matches of that line, not of the last render.
  useKeys((key) => {
    const action = actionOf(key);
    const shown = latestPanel.current;
    const text = latestLine.current.value;
    const open = isPaletteText(text);
    // A panel taller than its room scrolls (Home/End only while the composer is empty: with text in it they edit).
    if (!open && scrolls(shown) && action && SCROLL_ACTIONS.has(action) && (text === '' || (action !== 'home' && action !== 'end'))) {
      const metrics = measured.current?.of === shown ? measured.current : null;
      const from = latestScroll.current.of === shown ? latestScroll.current.top : 0;
      return setScroll({ of: shown, top: scrollBy(action, from, metrics?.total ?? null, metrics?.room ?? room) });
    }
    if (shown.kind === 'confirm-logout') {
      const letter = letterOf(key)?.toLowerCase();
      if (letter === 'y') logout(); // revoke and remove the other account's credentials, as asked
      else if (letter === 'e') flow.quit(0); // end this session only; what is stored stays
      else if (action === 'cancel' || letter === 'n') setPanel({ kind: 'none' });
      return;
    }
    const matches = open ? filterCommands(text.slice(1), availableCommands(auth.snapshot())) : [];
    const active = Math.min(latestActive.current, Math.max(0, matches.length - 1));
    if (open && matches.length > 0 && (action === 'up' || action === 'down')) {
      setActive((active + (action === 'up' ? -1 : 1) + matches.length) % matches.length);
    } else if (action === 'complete') {
      if (open && matches[active]) replaceLine(lineOf(`/${matches[active]!.name} `));
    } else if (action === 'submit') {
      if (text.trim() === '') return;
      // An exact name runs (or says why it cannot); otherwise the highlighted match; otherwise the text.
      const exact = findCommand(text.slice(1), COMMANDS);
      const highlighted = open && !exact ? matches[active] : undefined;
      replaceLine(EMPTY_LINE);
      run(highlighted ?? text);
    } else if (action === 'cancel') {
      if (open) replaceLine(EMPTY_LINE);
      else if (latestPanel.current.kind !== 'none') setPanel({ kind: 'none' });
      else {
        const dismissable = [...auth.snapshot().notices].reverse().find((n) => !n.sticky);
        if (dismissable) auth.dismissNotice(dismissable.id);
      }
    } else {
      const edited = editLine(latestLine.current, key);
      if (edited) replaceLine(edited);
    }
  });

  // The rows above and below the panel, counted as Ink wraps them: the panel gets the rest but one
  // (a frame as tall as the terminal makes Ink clear the screen and the scrollback on every redraw).
  const hintsWith = (scrollHint: boolean): (readonly [string, string])[] => paletteOpen
    ? [['up/down', 'move'], ['tab', 'complete'], ['enter', 'run'], ['esc', 'close']]
    : [['/', 'commands'], ...(scrollHint ? [['pgup/pgdn', 'scroll'] as const] : []), ...(panel.kind !== 'none' ? [['esc', 'close'] as const] : canDismiss ? [['esc', 'dismiss'] as const] : []), ['ctrl+c', 'quit']];
  // A banner: its icon, message and retry time, then its action line.
  const bannerLines = snapshot.notices.reduce((sum, n) => sum + textRows(`! ${n.message}${n.retryAt !== undefined ? ' Retrying in 10:00.' : ''}`, columns)
    + (n.action || !n.sticky ? textRows(`  ${n.action ?? ''}${n.action && !n.sticky ? ' ' : ''}${n.sticky ? '' : '(esc to dismiss)'}`, columns) : 0), 0);
  const infoLines = info.reduce((sum, l) => sum + textRows(l.text, columns), 0);
  const rest = (infoLines > 0 ? infoLines + 1 : 0) + (bannerLines > 0 ? bannerLines + 1 : 0) + 1;
  // A window too short even for the frame without a panel: the header on one row, cut at the edge.
  const cutHeader = rows - 1 - textRows(whoLine(snapshot), columns) - rest - hintRows(hintsWith(false), columns) < 0;
  const above = (cutHeader ? 1 : textRows(whoLine(snapshot), columns)) + rest;
  const roomWith = (hints: readonly (readonly [string, string])[]) => Math.max(0, rows - 1 - above - hintRows(hints, columns));
  // The scroll hint only when the panel overflows and there is a row for it as well as one of the
  // panel (its count line says pgup/pgdn too).
  const scrollHint = !paletteOpen && scrolls(panel) && overflows && roomWith(hintsWith(true)) > 0;
  const hints = hintsWith(scrollHint);
  const room = roomWith(hints);
  const top = scroll.of === panel ? scroll.top : 0;
  return (
    <Box flexDirection="column">
      {/* Keyed by its wrap: Ink measures a text again only when its text changes. */}
      <Text key={cutHeader ? 'cut' : 'wrapped'} bold color={signInDead ? undefined : theme.accent} dimColor={signInDead} wrap={cutHeader ? 'truncate-end' : 'wrap'}>{whoLine(snapshot)}</Text>
      <ReportLines lines={info} />
      <Banners notices={snapshot.notices} now={now} />
      <Box>
        <Box flexShrink={0}><Text color={theme.accent}>{'> '}</Text></Box>
        {text === '' ? <FieldPlaceholder text="Type / for commands" /> : <TextCursor value={text} cursor={line.cursor} width={columns - 2} />}
      </Box>
      {paletteOpen
        ? <CommandPalette matches={matches} active={active} maxRows={Math.min(12, room)} columns={columns} />
        : <PanelView panel={panel} room={room} top={top} onMeasure={onMeasure} columns={columns} snapshot={snapshot} />}
      <KeyHints hints={hints} />
    </Box>
  );
}

interface PanelProps {
  panel: Panel;
  room: number;
  top: number;
  onMeasure: (metrics: ScrollMetrics) => void;
  columns: number;
  snapshot: AuthSnapshot;
}

function PanelView({ panel, room, top, onMeasure, columns, snapshot }: PanelProps) {
  const theme = useTheme();
  switch (panel.kind) {
    case 'none':
      return null;
    case 'busy':
      return <Busy label={panel.label} />;
    case 'message':
      return (
        <ScrollView top={top} room={room} onMeasure={onMeasure}>
          <Text color={panel.tone === 'error' ? theme.error : undefined} dimColor={panel.tone === 'info'}>{panel.text}</Text>
        </ScrollView>
      );
    case 'confirm-logout':
      return (
        <ScrollView top={top} room={room} onMeasure={onMeasure}>
          <Text color={theme.warning}>The stored credentials now belong to {panel.stored}, not to this session ({panel.session}).</Text>
          <Text>/logout would revoke and remove {panel.stored}'s credentials, signing out every Codex that uses them.</Text>
          <Text>Press y to log out {panel.stored} anyway, e to just end this session (nothing is removed), or esc to cancel.</Text>
        </ScrollView>
      );
    case 'help':
      return <HelpPanel snapshot={snapshot} room={room} top={top} onMeasure={onMeasure} />;
    case 'status':
    case 'usage':
      return <StatusPanel room={room} top={top} onMeasure={onMeasure} columns={columns} usageOnly={panel.kind === 'usage'} />;
  }
}
