// Plan names (§7.2, §7.3). The wire value is one of a fixed set ("unknown" otherwise); the
// /status display folds workspace plans the way the real TUI does.
export const KNOWN_PLANS = [
  'free', 'go', 'plus', 'pro', 'prolite', 'team', 'self_serve_business_usage_based', 'business',
  'enterprise_cbp_usage_based', 'enterprise', 'edu',
] as const;
export type PlanType = (typeof KNOWN_PLANS)[number] | 'unknown';

// Maps, not object literals: a claim of `constructor` or `__proto__` must not find Object.prototype's members.
const ALIASES: ReadonlyMap<string, PlanType> = new Map([['hc', 'enterprise'], ['education', 'edu']]);

/** Claim value (case-sensitive, as the real CLI decodes JSON claims) to the wire plan type. */
export function planFromClaim(raw: string | null): PlanType {
  if (raw === null) return 'unknown';
  if ((KNOWN_PLANS as readonly string[]).includes(raw)) return raw as PlanType;
  return ALIASES.get(raw) ?? 'unknown';
}

/** Case-insensitive parse, used for plans handed in by a parent app. */
export function planFromRaw(raw: string | null | undefined): PlanType {
  return raw ? planFromClaim(raw.trim().toLowerCase()) : 'unknown';
}

const DISPLAY: Record<PlanType, string> = {
  free: 'Free', go: 'Go', plus: 'Plus', pro: 'Pro', prolite: 'Pro Lite', team: 'Business',
  self_serve_business_usage_based: 'Business', business: 'Enterprise', enterprise_cbp_usage_based: 'Enterprise',
  enterprise: 'Enterprise', edu: 'Edu', unknown: 'Unknown',
};

/** How a plan the sign-in does not name reads, in a sentence or in brackets: `ada@example.com (plan unknown)`. */
export const PLAN_UNKNOWN = 'plan unknown';

export const planDisplayName = (plan: PlanType): string => (Object.hasOwn(DISPLAY, plan) ? DISPLAY[plan] : DISPLAY.unknown);
