// The ChatGPT backend's usage answer (GET {chatgpt_base_url}wham/usage, §10.5, snake_case) as the
// app-server's RateLimitSnapshot (camelCase). Every field may be absent; what cannot be read is null.
import { planFromClaim, type PlanType } from '../credential/plan.js';
import { asRecord } from '../text/json.js';

export interface RateLimitWindow {
  usedPercent: number;
  windowDurationMins: number | null;
  resetsAt: number | null;
}

export interface RateLimitSnapshot {
  limitId: string | null;
  limitName: string | null;
  primary: RateLimitWindow | null;
  secondary: RateLimitWindow | null;
  credits: { hasCredits: boolean; unlimited: boolean; balance: string | null } | null;
  planType: PlanType | null;
  rateLimitReachedType: string | null;
}

export interface RateLimitsResponse {
  rateLimits: RateLimitSnapshot;
  rateLimitsByLimitId: Record<string, RateLimitSnapshot> | null;
}

const REACHED_TYPES = new Set([
  'rate_limit_reached', 'workspace_owner_credits_depleted', 'workspace_member_credits_depleted',
  'workspace_owner_usage_limit_reached', 'workspace_member_usage_limit_reached',
]);
const DEFAULT_LIMIT_ID = 'codex';

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function window(raw: unknown): RateLimitWindow | null {
  const w = asRecord(raw);
  const used = num(w?.used_percent);
  if (!w || used === null) return null;
  const seconds = num(w.limit_window_seconds);
  const resetAt = num(w.reset_at);
  return {
    // The wire type is an integer percentage.
    usedPercent: Math.round(Math.min(100, Math.max(0, used))),
    windowDurationMins: seconds === null ? null : Math.round(seconds / 60),
    resetsAt: resetAt === null ? null : Math.trunc(resetAt),
  };
}

function credits(raw: unknown): RateLimitSnapshot['credits'] {
  const c = asRecord(raw);
  if (!c) return null;
  const balance = c.balance;
  return {
    hasCredits: c.has_credits === true,
    unlimited: c.unlimited === true,
    balance: typeof balance === 'string' ? balance : typeof balance === 'number' && Number.isFinite(balance) ? String(balance) : null,
  };
}

function snapshot(limits: Record<string, unknown>, extra: { limitId: string; limitName: string | null; root: Record<string, unknown> }): RateLimitSnapshot {
  const reached = str(limits.rate_limit_reached_type) ?? str(extra.root.rate_limit_reached_type);
  const plan = str(extra.root.plan_type);
  return {
    limitId: extra.limitId,
    limitName: extra.limitName,
    primary: window(limits.primary_window),
    secondary: window(limits.secondary_window),
    credits: credits(extra.root.credits),
    planType: plan === null ? null : planFromClaim(plan),
    rateLimitReachedType: reached && REACHED_TYPES.has(reached) ? reached : null,
  };
}

/** Maps the usage body; the primary snapshot is the `codex` bucket, else the first one. */
export function toRateLimits(body: unknown): RateLimitsResponse {
  const root = asRecord(body) ?? {};
  const byId = new Map<string, RateLimitSnapshot>();
  const main = asRecord(root.rate_limit);
  if (main) {
    const limitId = str(root.limit_id) ?? str(main.limit_id) ?? DEFAULT_LIMIT_ID;
    byId.set(limitId, snapshot(main, { limitId, limitName: str(main.limit_name), root }));
  }
  const additional = Array.isArray(root.additional_rate_limits) ? root.additional_rate_limits : [];
  for (const entry of additional) {
    const e = asRecord(entry);
    const limits = asRecord(e?.rate_limit);
    if (!e || !limits) continue;
    const limitId = str(e.limit_id) ?? str(e.metered_feature) ?? DEFAULT_LIMIT_ID;
    if (!byId.has(limitId)) byId.set(limitId, snapshot(limits, { limitId, limitName: str(e.limit_name), root }));
  }
  const primary = byId.get(DEFAULT_LIMIT_ID) ?? byId.values().next().value ?? snapshot({}, { limitId: DEFAULT_LIMIT_ID, limitName: null, root });
  return {
    rateLimits: primary,
    rateLimitsByLimitId: byId.size > 0 ? Object.fromEntries(byId) : null,
  };
}
