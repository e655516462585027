// Registers a task for an Agent Identity, which is how the real Codex CLI 0.171 starts using one
// (every `login status`, app-server start or session; recorded against a loopback server):
//   POST …/v1/agent/{agent_runtime_id}/task/register  {"timestamp":"2026-12-01T17:57:45Z","signature":…}
// where the signature is the Ed25519 signature (standard base64) of `{agent_runtime_id}:{timestamp}`
// made with the JWT's agent_private_key. A refused connection, a 5xx or a 429 is tried three times
// in all, at once, with the same signed body; other statuses fail at once. The answer names the task (`task_id` or `taskId`);
// an `encrypted_task_id` (sealed to the agent's key) is taken as a registered task without opening
// it, since codex does not use the task id.
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { agentTaskRegistrationUrl } from './agentIdentityEndpoints.js';
import type { AgentIdentityClaims } from './agentIdentityJwt.js';
import { scrubSecrets } from '../credential/mask.js';
import { describeNetworkError, isRetryableNetworkFailure } from '../http/networkErrors.js';
import { parseJsonObject } from '../text/json.js';

const ATTEMPTS = 3;
const TIMEOUT_MS = 30_000;
const MAX_BODY_CHARS = 512;
const RETRYABLE = 'retryable agent identity registration failure';

export interface RegistrationDeps {
  fetch: typeof globalThis.fetch;
  env: NodeJS.ProcessEnv;
  now(): number;
}

function signingKey(pkcs8Base64: string): KeyObject {
  if (pkcs8Base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(pkcs8Base64)) {
    throw new Error('stored agent identity private key is not valid base64');
  }
  try {
    const key = createPrivateKey({ key: Buffer.from(pkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch {
    throw new Error('stored agent identity private key is not valid PKCS#8');
  }
}

/** RFC 3339 in whole seconds, as the real CLI stamps the request. */
const timestampOf = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Registers a task; returns its id (`encrypted` when only a sealed one came back). Throws the real CLI's messages. */
export async function registerAgentTask(claims: AgentIdentityClaims, token: string, deps: RegistrationDeps): Promise<string> {
  const key = signingKey(claims.agentPrivateKey);
  const url = agentTaskRegistrationUrl(deps.env, claims.agentRuntimeId);
  const timestamp = timestampOf(deps.now());
  const signature = sign(null, Buffer.from(`${claims.agentRuntimeId}:${timestamp}`), key).toString('base64');
  let failure = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let response: Response;
    try {
      response = await deps.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: '*/*' },
        body: JSON.stringify({ timestamp, signature }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      failure = `failed to register agent task: ${describeNetworkError(error, url)}`;
      // Only the network may answer differently next time; a CA bundle that cannot be read will not.
      if (!isRetryableNetworkFailure(error)) throw new Error(failure);
      continue;
    }
    if (response.ok) return taskIdOf(await response.text().catch(() => ''));
    const body = scrubSecrets(await response.text().catch(() => ''), [token, claims.agentPrivateKey], MAX_BODY_CHARS + 3);
    const shown = body.length > MAX_BODY_CHARS ? `${body.slice(0, MAX_BODY_CHARS)}...` : body;
    failure = `agent task registration failed with status ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${shown ? `: ${shown}` : ''}`;
    if (response.status !== 429 && response.status < 500) throw new Error(failure);
  }
  throw new Error(`${RETRYABLE}: ${failure}`);
}

function taskIdOf(text: string): string {
  const answer = parseJsonObject(text);
  if (!answer) throw new Error('failed to decode agent task registration response');
  const id = [answer.task_id, answer.taskId].find((v) => typeof v === 'string');
  if (typeof id === 'string') return id;
  if ([answer.encrypted_task_id, answer.encryptedTaskId].some((v) => typeof v === 'string')) return 'encrypted';
  throw new Error('agent task registration response omitted task id');
}
