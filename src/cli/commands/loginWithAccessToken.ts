// `codex login --with-access-token`: the token arrives on stdin (or `printenv CODEX_ACCESS_TOKEN |`),
// with the real CLI 0.171's messages and order (recorded against a loopback authority, §9 item 5):
// `Reading access token from stdin...` first, then the refusal or the check, `Successfully logged in`.
// An `at-…` token is checked with whoami, any other as an Agent Identity JWT (JWKS and signature;
// that module and node:crypto are loaded only then).
import { checkPersonalAccessToken } from '../../auth/accessToken.js';
import { isPersonalAccessToken } from '../../auth/accessTokenRecord.js';
import { describeNetworkError } from '../../http/networkErrors.js';
import type { CliContext } from '../context.js';
import { readStdinSecret } from '../stdinSecret.js';

export const TOKEN_STDIN_IS_TTY =
  '--with-access-token expects the access token on stdin. Try piping it, e.g. `printenv CODEX_ACCESS_TOKEN | codex login --with-access-token`.';
export const ACCESS_TOKEN_LOGIN_DISABLED = 'Access token login is disabled. Use API key login instead.';

const PIPE_HINT = 'Pipe exactly one access token, e.g. `printenv CODEX_ACCESS_TOKEN | codex login --with-access-token`.';
/** The key cleaning (src/auth/apiKeyInput.ts): a token is pasted and copied like a key. */
const TOKEN_MESSAGES = {
  empty: 'No access token provided via stdin.',
  spaces: `The input on stdin contains spaces, line breaks or control characters inside the token. ${PIPE_HINT}`,
  invalid: `The input on stdin contains a character that cannot be part of an access token (tokens are plain ASCII). ${PIPE_HINT}`,
};

export async function loginWithAccessToken(ctx: CliContext): Promise<number> {
  const say = (line: string) => ctx.io.stderr.write(`${line}\n`);
  const token = await readStdinSecret(ctx, { stdinIsTty: TOKEN_STDIN_IS_TTY, reading: 'Reading access token from stdin...', messages: TOKEN_MESSAGES });
  if (token === null) return 1;
  const config = await ctx.config();
  if (config.forced_login_method === 'api') {
    say(ACCESS_TOKEN_LOGIN_DISABLED);
    return 1;
  }
  try {
    const http = await ctx.http();
    const common = { fetch: http.fetch, env: ctx.io.env, forcedWorkspaceIds: config.forced_chatgpt_workspace_id };
    if (isPersonalAccessToken(token)) await checkPersonalAccessToken(token, { ...common, describeNetworkError });
    else await (await import('../../auth/agentIdentity.js')).checkAgentIdentityForLogin(token, { ...common, chatgptBaseUrl: config.chatgpt_base_url, now: Date.now });
    const auth = await ctx.auth();
    const outcome = await auth.loginWithAccessToken(token);
    auth.dispose();
    if (outcome.warning) for (const line of outcome.warning.split('\n')) say(`Warning: ${line}`);
    say('Successfully logged in');
    say(`Stored in ${outcome.location}`);
    return 0;
  } catch (error) {
    say(`Error logging in with access token: ${(error as Error).message}`);
    return 1;
  }
}
