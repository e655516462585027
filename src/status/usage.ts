// The ChatGPT backend's usage answer (GET {chatgpt_base_url}wham/usage, §10.5) turned into the
// windows /status draws as bars. Every field may be absent; anything unexpected is skipped.
import { safeClaim } from '../text/safeText.js';
import { asRecord } from '../text/json.js';

export interface UsageWindow {
  /** `5h limit`, `Weekly limit`, … */
  label: string;
  usedPercent: number;
  /** Epoch ms of the reset, when known. */
  resetsAt: number | null;
}

export interface UsageReport {
  planType: string | null;
  limitReached: boolean;
  windows: UsageWindow[];
  credits: { unlimited: boolean; balance: string | null } | null;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** `18000` -> `5h limit`, `604800` -> `Weekly limit`, `86400` -> `1d limit`. */
export function windowLabel(seconds: number | null, fallback: string): string {
  if (seconds === null || seconds <= 0) return fallback;
  if (seconds === 604_800) return 'Weekly limit';
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d limit`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h limit`;
  return `${Math.round(seconds / 60)}m limit`;
}

function parseWindow(raw: unknown, fallback: string, now: number): UsageWindow | null {
  const window = asRecord(raw);
  const used = num(window?.used_percent);
  if (!window || used === null) return null;
  const resetAt = num(window.reset_at);
  const resetAfter = num(window.reset_after_seconds);
  return {
    label: windowLabel(num(window.limit_window_seconds), fallback),
    usedPercent: Math.min(100, Math.max(0, used)),
    resetsAt: resetAt !== null ? resetAt * 1000 : resetAfter !== null ? now + resetAfter * 1000 : null,
  };
}

export function parseUsage(body: unknown, now: number): UsageReport {
  const root = asRecord(body) ?? {};
  const limits = asRecord(root.rate_limit) ?? {};
  const credits = asRecord(root.credits);
  const balance = credits?.balance;
  return {
    // The server's words reach the screen: terminal-safe and capped (src/text/safeText.ts).
    planType: typeof root.plan_type === 'string' ? safeClaim(root.plan_type) : null,
    limitReached: limits.limit_reached === true,
    windows: [
      parseWindow(limits.primary_window, 'Usage limit', now),
      parseWindow(limits.secondary_window, 'Secondary limit', now),
    ].filter((w): w is UsageWindow => w !== null),
    credits: credits
      ? {
          unlimited: credits.unlimited === true,
          balance: typeof balance === 'string' || typeof balance === 'number' ? safeClaim(String(balance)) : null,
        }
      : null,
  };
}
