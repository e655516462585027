// The /status card: the snapshot's facts, then live checks (ChatGPT usage limits as bars, or the
// API key against /models), each with a spinner while it runs. Every row is one line, so the
// card can be cut to the room the terminal has.
import { useEffect, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { Busy } from '../components/Busy.js';
import { UsageBar } from '../components/UsageBar.js';
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
  const width = 15;
  if (!usageOnly) {
    for (const [i, row] of statusRows(snapshot, services.env, services.http.proxyDescription, now).entries()) {
      const color = row.tone === 'error' ? theme.error : row.tone === 'warning' ? theme.warning : undefined;
      rows.push(<Text key={`r${i}`} wrap="truncate-end" color={color}><Text dimColor>{row.label.padEnd(width)}</Text>{row.value}</Text>);
    }
  }
  if (chatgpt) {
    if (!usage) rows.push(<Busy key="u" label="Checking usage limits…" />);
    else if (usage.status === 'failed') rows.push(<Text key="u" wrap="truncate-end" color={theme.warning}>Usage limits: {usage.message}</Text>);
    else {
      rows.push(<Text key="u" dimColor>Usage limits{usage.report.limitReached ? ' (limit reached)' : ''}</Text>);
      for (const w of usage.report.windows) rows.push(<UsageBar key={w.label} window={w} now={now} columns={columns} />);
      if (usage.report.windows.length === 0) rows.push(<Text key="none" dimColor>  No usage limits reported.</Text>);
      const credits = usage.report.credits;
      if (credits && (credits.unlimited || credits.balance !== null)) {
        rows.push(<Text key="c" wrap="truncate-end">{'  '}Credits: {credits.unlimited ? 'unlimited' : credits.balance}</Text>);
      }
    }
  }
  if (apiKey && !usageOnly) {
    if (!key) rows.push(<Busy key="k" label="Checking the API key with OpenAI…" />);
    else {
      const text = key.status === 'valid' ? '✓ OpenAI accepted the key' : key.status === 'refused' ? `✗ ${key.message}` : `? Could not check the key: ${key.message}`;
      const color = key.status === 'valid' ? theme.success : key.status === 'refused' ? theme.error : theme.warning;
      rows.push(<Text key="k" wrap="truncate-end" color={color}>{text}</Text>);
    }
  }
  const room = Math.max(1, maxRows);
  const cut = rows.length > room;
  return (
    <Box flexDirection="column">
      {cut ? rows.slice(0, room - 1) : rows}
      {cut ? <Text dimColor wrap="truncate-end">… {rows.length - room + 1} more lines (a taller terminal shows them)</Text> : null}
    </Box>
  );
}
