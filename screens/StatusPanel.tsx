// The /status card: the snapshot's facts, then live checks (ChatGPT usage limits as bars, or the
// API key against /models), each with a spinner while it runs. A long row wraps rather than lose
// its end (a path, an error, a reset time); the card is cut, by lines, to the room the terminal has,
// and says how much was left out.
import { useEffect, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { Busy } from '../components/Busy.js';
import { UsageBar, usageBarText } from '../components/UsageBar.js';
import { useAuth } from '../components/hooks/useAuth.js';
import { useNow } from '../components/hooks/useNow.js';
import { useServices } from '../components/services.js';
import { useTheme } from '../components/theme.js';
import { capabilities } from '../src/auth/describe.js';
import { checkApiKey, checkUsage, type ApiKeyCheck, type UsageCheck } from '../src/status/liveChecks.js';
import { statusRows } from './statusRows.js';

interface Props {
  maxRows: number;
  columns: number;
  /** /usage: the usage check alone. */
  usageOnly?: boolean;
}

export function StatusPanel({ maxRows, columns, usageOnly = false }: Props) {
  const services = useServices();
  const { snapshot } = useAuth();
  const theme = useTheme();
  const now = useNow(30_000);
  const can = snapshot.status === 'signedIn' ? capabilities(snapshot.identity) : null;
  const chatgpt = can?.canReadUsage === true;
  const apiKey = can?.canCheckApiKey === true;
  const [usage, setUsage] = useState<UsageCheck | null>(null);
  const [key, setKey] = useState<ApiKeyCheck | null>(null);

  useEffect(() => {
    let live = true;
    if (chatgpt) void checkUsage(services.auth, services.config.chatgpt_base_url).then((r) => live && setUsage(r));
    if (apiKey && !usageOnly) void checkApiKey(services.auth, services.http, services.config.openai_base_url).then((r) => live && setKey(r));
    return () => {
      live = false;
    };
  }, [services, chatgpt, apiKey, usageOnly]);

  const rows: ReactNode[] = [];
  /** The lines each row takes once wrapped at `columns`. */
  const heights: number[] = [];
  const push = (node: ReactNode, text: string) => {
    rows.push(node);
    heights.push(Math.max(1, Math.ceil(text.length / Math.max(1, columns))));
  };
  const width = 15;
  if (!usageOnly) {
    for (const [i, row] of statusRows(snapshot, services.env, services.http.proxyDescription, now).entries()) {
      const color = row.tone === 'error' ? theme.error : row.tone === 'warning' ? theme.warning : undefined;
      push(<Text key={`r${i}`} color={color}><Text dimColor>{row.label.padEnd(width)}</Text>{row.value}</Text>, `${row.label.padEnd(width)}${row.value}`);
    }
  }
  if (chatgpt) {
    if (!usage) push(<Busy key="u" label="Checking usage limits…" />, '* Checking usage limits…');
    else if (usage.status === 'failed') push(<Text key="u" color={theme.warning}>Usage limits: {usage.message}</Text>, `Usage limits: ${usage.message}`);
    else {
      push(<Text key="u" dimColor>Usage limits{usage.report.limitReached ? ' (limit reached)' : ''}</Text>, 'Usage limits (limit reached)');
      for (const w of usage.report.windows) push(<UsageBar key={w.label} window={w} now={now} columns={columns} />, usageBarText(w, now, columns));
      if (usage.report.windows.length === 0) push(<Text key="none" dimColor>  No usage limits reported.</Text>, '  No usage limits reported.');
      const credits = usage.report.credits;
      if (credits && (credits.unlimited || credits.balance !== null)) {
        const text = `  Credits: ${credits.unlimited ? 'unlimited' : String(credits.balance)}`;
        push(<Text key="c">{text}</Text>, text);
      }
    }
  }
  if (apiKey && !usageOnly) {
    if (!key) push(<Busy key="k" label="Checking the API key with OpenAI…" />, '* Checking the API key with OpenAI…');
    else {
      const text = key.status === 'valid' ? '✓ OpenAI accepted the key' : key.status === 'refused' ? `✗ ${key.message}` : `? Could not check the key: ${key.message}`;
      const color = key.status === 'valid' ? theme.success : key.status === 'refused' ? theme.error : theme.warning;
      push(<Text key="k" color={color}>{text}</Text>, text);
    }
  }
  const room = Math.max(1, maxRows);
  const total = heights.reduce((sum, h) => sum + h, 0);
  // Whole rows that fit above the line that says how many were left out.
  let shown = rows.length;
  if (total > room) {
    let used = 0;
    shown = 0;
    while (shown < rows.length && used + heights[shown]! <= room - 1) used += heights[shown++]!;
  }
  const cut = shown < rows.length;
  const hidden = heights.slice(shown).reduce((sum, h) => sum + h, 0);
  return (
    <Box flexDirection="column">
      {rows.slice(0, shown)}
      {cut ? <Text dimColor wrap="truncate-end">… {hidden} more {hidden === 1 ? 'line' : 'lines'} (a taller terminal shows them)</Text> : null}
    </Box>
  );
}
