// The /status card: the snapshot's facts, then live checks (ChatGPT usage limits as bars, or the
// API key against /models), each with a spinner while it runs. A long row wraps in its value column
// rather than lose its end (a path, an error, a reset time); a card taller than the room the
// terminal has scrolls (components/ScrollView.tsx) and says how many lines are above and below.
import { useEffect, useState, type ReactNode } from 'react';
import { Box, Text } from 'ink';
import { ScrollView, type ScrollMetrics } from '../components/ScrollView.js';
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
  /** Rows the card may take. */
  room: number;
  columns: number;
  /** The first line shown (HomeScreen scrolls). */
  top?: number;
  onMeasure?: (metrics: ScrollMetrics) => void;
  /** /usage: the usage check alone. */
  usageOnly?: boolean;
}

export function StatusPanel({ room, columns, top = 0, onMeasure, usageOnly = false }: Props) {
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
  const push = (node: ReactNode) => rows.push(node);
  const width = 15;
  if (!usageOnly) {
    for (const [i, row] of statusRows(snapshot, services.env, services.http.proxyDescription, now).entries()) {
      const color = row.tone === 'error' ? theme.error : row.tone === 'warning' ? theme.warning : undefined;
      // The value wraps in its own column, under itself, not under the label.
      push(
        <Box key={`r${i}`}>
          <Box width={width} flexShrink={0}><Text dimColor color={color}>{row.label}</Text></Box>
          <Text color={color}>{row.value}</Text>
        </Box>,
      );
    }
  }
  if (chatgpt) {
    if (!usage) push(<Busy key="u" label="Checking usage limits…" />);
    else if (usage.status === 'failed') push(<Text key="u" color={theme.warning}>Usage limits: {usage.message}</Text>);
    else {
      push(<Text key="u" dimColor>Usage limits{usage.report.limitReached ? ' (limit reached)' : ''}</Text>);
      for (const w of usage.report.windows) push(<UsageBar key={w.label} window={w} now={now} columns={columns} />);
      if (usage.report.windows.length === 0) push(<Text key="none" dimColor>  No usage limits reported.</Text>);
      const credits = usage.report.credits;
      if (credits && (credits.unlimited || credits.balance !== null)) {
        const text = `  Credits: ${credits.unlimited ? 'unlimited' : String(credits.balance)}`;
        push(<Text key="c">{text}</Text>);
      }
    }
  }
  if (apiKey && !usageOnly) {
    if (!key) push(<Busy key="k" label="Checking the API key with OpenAI…" />);
    else {
      const text = key.status === 'valid' ? '✓ OpenAI accepted the key' : key.status === 'refused' ? `✗ ${key.message}` : `? Could not check the key: ${key.message}`;
      const color = key.status === 'valid' ? theme.success : key.status === 'refused' ? theme.error : theme.warning;
      push(<Text key="k" color={color}>{text}</Text>);
    }
  }
  return <ScrollView top={top} room={room} onMeasure={onMeasure}>{rows}</ScrollView>;
}
