// A device-code poll whose answer is not JSON: the error says so without quoting the body
// (a SyntaxError from JSON.parse would quote its start, where the authorization code sits).
import { describe, expect, it } from 'vitest';
import { describeNetworkError } from '../../../src/http/networkErrors.js';
import type { FlowDeps } from '../../../src/oauth/flowDeps.js';
import { startDeviceLogin } from '../../../src/oauth/deviceLogin.js';

const ISSUER = 'https://auth.example.test';

function deps(pollBody: string): FlowDeps {
  return {
    fetch: (async (input: string | URL | Request) => {
      const url = String(input);
      if (url.endsWith('/deviceauth/usercode')) {
        return new Response(JSON.stringify({ device_auth_id: 'dev_1', user_code: 'ABCD-EFGH', interval: '1' }), { status: 200 });
      }
      return new Response(pollBody, { status: 200 });
    }) as typeof fetch,
    endpoints: {
      issuer: ISSUER, clientId: 'app_EMoamEEZ73f0CkXaXp7hrann', authorizeUrl: `${ISSUER}/oauth/authorize`,
      tokenUrl: `${ISSUER}/oauth/token`, deviceApiBase: `${ISSUER}/api/accounts`, deviceVerificationUrl: `${ISSUER}/codex/device`,
    },
    sink: { saveChatgptTokens: async () => undefined },
    forcedWorkspaceIds: null,
    clock: { now: () => 0, sleep: async () => undefined, setTimer: () => () => undefined, timeoutSignal: (ms) => AbortSignal.timeout(ms) },
    describeNetworkError,
  };
}

describe('device code poll answer', () => {
  it('a non-JSON success body fails with a message that quotes none of it', async () => {
    const body = 'ac_SECRETcode&code_verifier=SECRETverifier';
    const attempt = await startDeviceLogin(deps(body));
    const error = await attempt.done.then(() => null, (e: Error) => e);
    expect(error?.message).toBe('device auth returned a response that is not JSON');
    expect(error?.message).not.toContain('SECRET');
  });
});
