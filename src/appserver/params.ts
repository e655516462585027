// The params of each account method (../shared/reference/app-server-schema), checked with zod
// before a method runs: a wrong or missing field is an invalid_request naming the field.
import * as z from 'zod/mini';
import { invalidRequest } from './rpcError.js';

const optionalBool = z.optional(z.nullable(z.boolean()));

export const initializeParams = z.object({
  clientInfo: z.object({ name: z.string(), version: z.string(), title: z.optional(z.nullable(z.string())) }),
  capabilities: z.optional(
    z.nullable(z.looseObject({ experimentalApi: optionalBool, optOutNotificationMethods: z.optional(z.nullable(z.array(z.string()))) })),
  ),
});

export const accountReadParams = z.optional(z.nullable(z.looseObject({ refreshToken: optionalBool })));

export const getAuthStatusParams = z.optional(z.nullable(z.looseObject({ includeToken: optionalBool, refreshToken: optionalBool })));

export const loginStartParams = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('apiKey'), apiKey: z.string() }),
  z.looseObject({ type: z.literal('chatgpt'), codexStreamlinedLogin: optionalBool }),
  z.looseObject({ type: z.literal('chatgptDeviceCode') }),
  z.looseObject({
    type: z.literal('chatgptAuthTokens'),
    accessToken: z.string(),
    chatgptAccountId: z.string(),
    chatgptPlanType: z.optional(z.nullable(z.string())),
  }),
]);
export type LoginStartParams = z.infer<typeof loginStartParams>;

export const loginCancelParams = z.object({ loginId: z.string() });

/** What the client answers to account/chatgptAuthTokens/refresh. */
export const tokensRefreshResult = z.looseObject({
  accessToken: z.string(),
  chatgptAccountId: z.optional(z.nullable(z.string())),
  chatgptPlanType: z.optional(z.nullable(z.string())),
});

/**
 * Parses `params` or throws invalid_request with the first problem, worded like the real server's
 * (`Invalid request: missing field \`chatgptAccountId\``). It names the field, never echoes a value.
 */
export function parseParams<T>(schema: z.ZodMiniType<T>, params: unknown, method: string): T {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  if (!field) {
    const what = issue?.code === 'invalid_union' ? 'unknown or missing `type`' : 'expected an object';
    throw invalidRequest(`Invalid request: ${method} params: ${what}`);
  }
  const input = field.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], params);
  if (input === undefined) throw invalidRequest(`Invalid request: missing field \`${field}\``);
  const expected = issue && 'expected' in issue ? ` (expected ${String(issue.expected)})` : '';
  throw invalidRequest(`Invalid request: invalid value for \`${field}\`${expected}`);
}
