import { describe, expect, it } from 'vitest';
import { parseUsage, windowLabel } from '../../src/status/usage.js';
import { checkUsage } from '../../src/status/liveChecks.js';
import { formatCountdown, formatRelative, spacedCode } from '../../components/text/format.js';
import { hyperlink, supportsHyperlinks } from '../../components/text/hyperlink.js';

describe('usage response', () => {
  it('reads both windows, reset times and credits (balance string or number)', () => {
    const now = 1_700_000_000_000;
    const report = parseUsage({
      plan_type: 'plus',
      rate_limit: { limit_reached: false,
        primary_window: { used_percent: 24.5, limit_window_seconds: 18000, reset_after_seconds: 3600 },
        secondary_window: { used_percent: 80, limit_window_seconds: 604800, reset_at: 1710600000 } },
      credits: { unlimited: false, balance: 5.39 },
    }, now);
    expect(report.windows).toEqual([
      { label: '5h limit', usedPercent: 24.5, resetsAt: now + 3600_000 },
      { label: 'Weekly limit', usedPercent: 80, resetsAt: 1710600000_000 },
    ]);
    expect(report.credits).toEqual({ unlimited: false, balance: '5.39' });
  });
  it('tolerates missing fields', () => {
    expect(parseUsage({}, 0)).toEqual({ planType: null, limitReached: false, windows: [], credits: null });
    expect(parseUsage(null, 0).windows).toEqual([]);
  });
  it('names windows', () => {
    expect(windowLabel(18000, 'x')).toBe('5h limit');
    expect(windowLabel(604800, 'x')).toBe('Weekly limit');
    expect(windowLabel(86400, 'x')).toBe('1d limit');
    expect(windowLabel(null, 'Usage limit')).toBe('Usage limit');
  });
});

describe('formatting', () => {
  it('countdowns and relative times', () => {
    expect(formatCountdown(600_000)).toBe('10:00');
    expect(formatCountdown(59_001)).toBe('1:00');
    expect(formatCountdown(-5)).toBe('0:00');
    expect(formatRelative(3 * 3600_000 + 5 * 60_000, 0)).toBe('in 3h 5m');
    expect(formatRelative(0, 12 * 60_000)).toBe('12m ago');
    expect(spacedCode('AB-12')).toBe('A B - 1 2');
  });
  it('hyperlinks only where supported and never with NO_COLOR, dumb terminals or tmux', () => {
    expect(supportsHyperlinks({ TERM_PROGRAM: 'iTerm.app' })).toBe(true);
    expect(supportsHyperlinks({ TERM_PROGRAM: 'iTerm.app', NO_COLOR: '1' })).toBe(false);
    expect(supportsHyperlinks({ TERM: 'dumb', WT_SESSION: '1' })).toBe(false);
    expect(supportsHyperlinks({ VTE_VERSION: '7200', TMUX: '/tmp/tmux' })).toBe(false);
    expect(supportsHyperlinks({})).toBe(false);
    expect(hyperlink('https://x', false)).toBe('https://x');
    expect(hyperlink('https://x', true)).toBe('\x1b]8;;https://x\x1b\\https://x\x1b]8;;\x1b\\');
  });
});

describe('checkUsage', () => {
  it('a 200 that is not JSON (a proxy page) is reported as such, not as a network error', async () => {
    const auth = { fetchWithAuth: async () => new Response('<html>Sign in to the hotel Wi-Fi</html>', { status: 200 }) };
    const result = await checkUsage(auth, 'https://chatgpt.com/backend-api/');
    expect(result).toEqual({ status: 'failed', message: 'The usage endpoint did not answer with JSON; a proxy or captive portal may be in the way.' });
  });
});
