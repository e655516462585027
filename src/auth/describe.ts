// The one place that says what an identity is, in words and in abilities. The home header, the
// palette, /status, `codex login status` and app-server's account/read all read these; each switch
// is exhaustive, so a new kind of sign-in does not compile until it is described here.
import { PLAN_UNKNOWN, planDisplayName } from '../credential/plan.js';
import type { AuthSnapshot, ChatgptDetails, Identity } from './types.js';

/** What a sign-in can do here, asked instead of comparing kinds in each reader. */
export interface Capabilities {
  /** The ChatGPT usage limits (/usage, the /status usage check, account/rateLimits/read). */
  canReadUsage: boolean;
  /** An OpenAI API key that /status can check against /models. */
  canCheckApiKey: boolean;
  /** Whether codex uses these credentials at all (an unknown auth_mode is only reported). */
  usable: boolean;
}

export interface Description {
  /** `API key`, `ChatGPT`, … (the /status "Signed in with" row). */
  method: string;
  /** In a sentence: `an API key`, `ChatGPT`, `a personal access token`, … */
  noun: string;
  /** The home header: `Signed in as ada@example.com (Plus) with ChatGPT`. */
  who: string;
  /** `codex login status`: `Logged in using ChatGPT - ada@example.com (Plus)`. */
  loginStatus: string;
  /** A second line the real CLI prints under it, for API keys: `Authentication is checked when you send a request.` */
  loginStatusNote?: string;
}

/** What the real CLI (0.169+) says after saving or reporting an API key, which it does not check. */
export const API_KEY_CHECKED_LATER = 'Authentication is checked when you send a request.';

export function assertNever(value: never): never {
  throw new Error(`unhandled sign-in kind: ${JSON.stringify(value)}`);
}

/** Where the credential in use lives, when signed in. */
export const storedAtOf = (snapshot: AuthSnapshot): string | null => (snapshot.status === 'signedIn' ? snapshot.storedAt : null);

/** The ChatGPT account details, for the kinds that have them. */
export function chatgptDetailsOf(identity: Identity): ChatgptDetails | null {
  return identity.kind === 'chatgpt' || identity.kind === 'externalTokens' ? identity : null;
}

export function capabilities(identity: Identity): Capabilities {
  switch (identity.kind) {
    case 'chatgpt':
    case 'externalTokens':
      return { canReadUsage: true, canCheckApiKey: false, usable: true };
    case 'apiKey':
      return { canReadUsage: false, canCheckApiKey: true, usable: true };
    case 'accessToken':
    case 'agentIdentity':
    case 'bedrock':
      return { canReadUsage: false, canCheckApiKey: false, usable: true };
    case 'unknown':
      return { canReadUsage: false, canCheckApiKey: false, usable: false };
    default:
      return assertNever(identity);
  }
}

/** §7.3: `email (Plan)`, or whichever of the two is known, else `ChatGPT`. */
export function accountLabel(email: string | null, plan: string | null): string {
  if (email && plan) return `${email} (${plan})`;
  return email ?? plan ?? 'ChatGPT';
}

const planName = (details: ChatgptDetails) => (details.plan === 'unknown' ? null : planDisplayName(details.plan));

export function describe(identity: Identity): Description {
  switch (identity.kind) {
    case 'apiKey':
      return {
        method: 'API key',
        noun: 'an API key',
        who: `Using API key ${identity.maskedKey} (usage-based billing)`,
        loginStatus: `API key configured - ${identity.maskedKey}`,
        loginStatusNote: API_KEY_CHECKED_LATER,
      };
    case 'chatgpt':
    case 'externalTokens': {
      const plan = planName(identity);
      const suffix = identity.kind === 'externalTokens' ? ' (tokens from the parent app)' : '';
      return {
        method: `ChatGPT${suffix}`,
        noun: 'ChatGPT',
        who: `Signed in as ${accountLabel(identity.email, plan ?? PLAN_UNKNOWN)} with ChatGPT${suffix}`,
        loginStatus: `Logged in using ChatGPT${identity.email ? ` - ${identity.email}` : ''} (${plan ?? PLAN_UNKNOWN})`,
      };
    }
    case 'accessToken':
      return {
        method: 'Personal access token',
        noun: 'a personal access token',
        who: `Signed in with a personal access token (${identity.maskedToken})`,
        loginStatus: 'Logged in using personal access token',
      };
    case 'agentIdentity': {
      // The account its claims name (unverified here; `codex login status` checks it), and the token masked.
      const plan = identity.plan === 'unknown' ? PLAN_UNKNOWN : planDisplayName(identity.plan);
      const as = identity.email || identity.plan !== 'unknown' ? ` as ${accountLabel(identity.email, plan)}` : '';
      return {
        method: 'Agent identity',
        noun: 'an agent identity',
        who: `Signed in${as} with an agent identity (${identity.maskedToken})`,
        loginStatus: 'Logged in using access token',
      };
    }
    case 'bedrock':
      return {
        method: 'Amazon Bedrock API key',
        noun: 'an Amazon Bedrock API key',
        who: `Using an Amazon Bedrock API key${identity.region ? ` (${identity.region})` : ''}`,
        loginStatus: 'Logged in using Amazon Bedrock API key',
      };
    case 'unknown': {
      const text = `Signed in with ${identity.mode}, which this codex does not use`;
      return { method: identity.mode, noun: `a "${identity.mode}" sign-in`, who: text, loginStatus: text };
    }
    default:
      return assertNever(identity);
  }
}
