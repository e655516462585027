// Notices from the AuthManager above the composer: level colour, message, what to do about it,
// and for transient failures when the next retry happens. Never a stack trace: just the text.
import { Box, Text } from 'ink';
import type { Notice } from '../src/auth/types.js';
import { formatCountdown } from './text/format.js';
import { useTheme } from './theme.js';

const ICON: Record<Notice['level'], string> = { error: '✗', warning: '!', info: 'i' };

export function Banner({ notice, now }: { notice: Notice; now: number }) {
  const theme = useTheme();
  const color = notice.level === 'error' ? theme.error : notice.level === 'warning' ? theme.warning : theme.info;
  const retry = notice.retryAt !== undefined
    ? notice.retryAt > now ? ` Retrying in ${formatCountdown(notice.retryAt - now)}.` : ' Retrying now…'
    : '';
  return (
    <Box flexDirection="column">
      <Text color={color}>
        <Text bold>{ICON[notice.level]} </Text>
        {notice.message}
        {retry}
      </Text>
      {notice.action || !notice.sticky ? (
        <Text dimColor>
          {'  '}{notice.action ?? ''}{notice.action && !notice.sticky ? ' ' : ''}{notice.sticky ? '' : '(esc to dismiss)'}
        </Text>
      ) : null}
    </Box>
  );
}

export function Banners({ notices, now }: { notices: readonly Notice[]; now: number }) {
  if (notices.length === 0) return null;
  return (
    <Box flexDirection="column" marginBottom={1}>
      {notices.map((notice) => <Banner key={notice.id} notice={notice} now={now} />)}
    </Box>
  );
}
