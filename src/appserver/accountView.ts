// Who is signed in, as the app-server's wire types say it (§10.1, §10.3): the `Account` of
// account/read, the `authMode`/`planType` of account/updated, and a key that changes exactly when
// a client should hear account/updated.
import { assertNever } from '../auth/describe.js';
import type { AuthSnapshot } from '../auth/types.js';
import type { PlanType } from '../credential/plan.js';
import type { ExternalTokens } from './externalAuth.js';

export type WireAuthMode = 'apikey' | 'chatgpt' | 'chatgptAuthTokens' | 'agentIdentity' | 'personalAccessToken' | 'bedrockApiKey';

export type WireAccount = { type: 'apiKey' } | { type: 'chatgpt'; email: string | null; planType: PlanType } | { type: 'amazonBedrock' };

export interface AccountView {
  authMode: WireAuthMode | null;
  planType: PlanType | null;
  /** Null when signed out, and after a permanent refresh failure (the client must sign in again). */
  account: WireAccount | null;
  /** The ChatGPT user id, when the credentials carry one. */
  userId: string | null;
  /** Changes when the person, the sign-in kind or the plan changed. */
  key: string;
}

const SIGNED_OUT: AccountView = { authMode: null, planType: null, account: null, userId: null, key: 'none' };

export function accountView(snapshot: AuthSnapshot, external: ExternalTokens | null): AccountView {
  if (external) {
    return {
      authMode: 'chatgptAuthTokens',
      planType: external.planType,
      account: { type: 'chatgpt', email: external.email, planType: external.planType },
      userId: external.userId,
      key: JSON.stringify(['external', external.accountId, external.email, external.planType]),
    };
  }
  if (snapshot.status !== 'signedIn') return SIGNED_OUT;
  const { identity } = snapshot;
  switch (identity.kind) {
    case 'apiKey':
      return { authMode: 'apikey', planType: null, account: { type: 'apiKey' }, userId: null, key: JSON.stringify(['apikey', identity.maskedKey]) };
    case 'accessToken':
      // The real server reports it as a ChatGPT account; codex does not ask whoami for the email or plan here.
      return { authMode: 'personalAccessToken', planType: null, account: { type: 'chatgpt', email: null, planType: 'unknown' }, userId: null, key: JSON.stringify(['personalAccessToken']) };
    case 'agentIdentity':
      // A ChatGPT account, as the real server reports it, with what the JWT's claims name.
      return {
        authMode: 'agentIdentity', planType: identity.plan, account: { type: 'chatgpt', email: identity.email, planType: identity.plan },
        userId: identity.userId, key: JSON.stringify(['agentIdentity', identity.accountId, identity.userId, identity.email, identity.plan]),
      };
    case 'bedrock':
      return { authMode: 'bedrockApiKey', planType: null, account: { type: 'amazonBedrock' }, userId: null, key: JSON.stringify(['bedrock', identity.region]) };
    case 'chatgpt':
    case 'externalTokens': {
      const account: WireAccount | null = snapshot.refreshFailure ? null : { type: 'chatgpt', email: identity.email, planType: identity.plan };
      return {
        authMode: identity.kind === 'chatgpt' ? 'chatgpt' : 'chatgptAuthTokens', planType: identity.plan, account,
        userId: account ? identity.userId : null,
        key: JSON.stringify(['chatgpt', identity.accountId, identity.userId, identity.email, identity.plan]),
      };
    }
    case 'unknown':
      // A kind this codex does not use is not an account it can serve.
      return { ...SIGNED_OUT, key: JSON.stringify(['unknown', identity.mode]) };
    default:
      return assertNever(identity);
  }
}
