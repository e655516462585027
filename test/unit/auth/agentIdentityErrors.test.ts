// When an Agent Identity cannot be checked, the person learns why: the real CLI's words first, then
// the cause (a refused connection, a CA bundle that cannot be read, an HTTP status); a cause that no
// retry cures is not retried; and nothing of the token's secret part is quoted.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { decodeAgentIdentityJwt, type AgentIdentityClaims } from '../../../src/auth/agentIdentityJwt.js';
import { fetchAgentIdentityJwks } from '../../../src/auth/agentIdentityVerify.js';
import { registerAgentTask } from '../../../src/auth/agentTaskRegistration.js';
import { createHttpClient } from '../../../src/http/client.js';
import { CaBundleError } from '../../../src/http/caBundle.js';

async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const privateKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const claims: AgentIdentityClaims = {
  iss: 'https://chatgpt.com/codex-backend/agent-identity', aud: 'codex-app-server', iat: 0, exp: 0,
  agentRuntimeId: 'agent-runtime-1', agentPrivateKey: privateKey, accountId: 'acc', userId: 'user', email: null, plan: 'plus', isFedramp: false,
};

describe('Agent Identity check failures', () => {
  it('the JWKS unreachable: the real words, then what went wrong and where', async () => {
    const url = `${await deadUrl()}/jwks`;
    await expect(fetchAgentIdentityJwks(createHttpClient({ env: {} }).fetch, url)).rejects.toThrow(
      /^failed to request agent identity JWKS: Could not connect to 127\.0\.0\.1:\d+: connection refused\./,
    );
  });

  it('a CA bundle that cannot be read is said once, not retried as a network failure', async () => {
    let calls = 0;
    const fetch = (async () => {
      calls++;
      throw new CaBundleError('NODE_EXTRA_CA_CERTS points to /nonexistent.pem, which cannot be read (ENOENT): fix the path or unset NODE_EXTRA_CA_CERTS.');
    }) as typeof globalThis.fetch;
    await expect(registerAgentTask(claims, 'jwt', { fetch, env: {}, now: () => 0 })).rejects.toThrow(
      'failed to register agent task: NODE_EXTRA_CA_CERTS points to /nonexistent.pem, which cannot be read (ENOENT)',
    );
    expect(calls).toBe(1);
  });

  it('a refused connection is tried three times, then named', async () => {
    const env = { CODEX_AGENT_IDENTITY_AUTHAPI_BASE_URL: await deadUrl() };
    await expect(registerAgentTask(claims, 'jwt', { fetch: createHttpClient({ env: {} }).fetch, env, now: () => 0 })).rejects.toThrow(
      /^retryable agent identity registration failure: failed to register agent task: Could not connect to 127\.0\.0\.1:\d+: connection refused/,
    );
  });

  it('a payload that is not JSON is reported by position, never by quoting it', () => {
    const payload = Buffer.from(`{"agent_private_key":${privateKey.slice(0, 20)}}`).toString('base64url');
    const token = `eyJhbGciOiJSUzI1NiJ9.${payload}.c2ln`;
    expect(() => decodeAgentIdentityJwt(token)).toThrow(/^failed to decode agent identity JWT: agent identity JWT payload is not valid JSON( \(at character \d+\))?$/);
    try {
      decodeAgentIdentityJwt(token);
    } catch (error) {
      expect((error as Error).message).not.toContain(privateKey.slice(0, 8));
    }
  });
});
