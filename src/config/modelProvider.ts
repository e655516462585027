// Whether the configured model provider signs in with OpenAI at all (§11.1): `model_provider`
// (default "openai") and `model_providers.<id>.requires_openai_auth`. With another provider there is
// nothing to sign in to: the app-server answers `requiresOpenaiAuth: false`.
import { isRecord } from '../text/json.js';

export type ProviderAuth = 'openai' | 'amazonBedrock' | 'none';

const BUILT_IN: ReadonlyMap<string, ProviderAuth> = new Map([
  ['openai', 'openai'],
  ['amazon-bedrock', 'amazonBedrock'],
  ['oss', 'none'],
  ['ollama', 'none'],
  ['lmstudio', 'none'],
]);

export function providerAuth(raw: Record<string, unknown>): ProviderAuth {
  const id = typeof raw.model_provider === 'string' && raw.model_provider.trim() ? raw.model_provider.trim() : 'openai';
  const providers = isRecord(raw.model_providers) ? raw.model_providers : null;
  const custom = providers && Object.hasOwn(providers, id) && isRecord(providers[id]) ? providers[id] : null;
  if (custom) return custom.requires_openai_auth === true ? 'openai' : 'none';
  // An id this codex does not know is treated as OpenAI: asking to sign in is the safe answer.
  return BUILT_IN.get(id) ?? 'openai';
}
