// `codex login --with-access-token`: the token arrives on stdin (or `printenv CODEX_ACCESS_TOKEN |`),
// with the real CLI 0.171's messages and order (recorded against a loopback authority, §9 item 5):
// `Reading access token from stdin...` first, then the refusal or the check, `Successfully logged in`.
import { agentIdentityRefusal, checkPersonalAccessToken } from '../../auth/accessToken.js';
import { cleanApiKeyInput } from '../../auth/apiKeyInput.js';
import { describeNetworkError } from '../../http/networkErrors.js';
import type { CliContext } from '../context.js';

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

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}

export async function loginWithAccessToken(ctx: CliContext): Promise<number> {
  const { stdin, stderr } = ctx.io;
  const say = (line: string) => stderr.write(`${line}\n`);
  if (stdin.isTTY) {
    say(TOKEN_STDIN_IS_TTY);
    return 1;
  }
  say('Reading access token from stdin...');
  let text: string;
  try {
    text = await readAll(stdin);
  } catch (error) {
    say(`Failed to read stdin: ${(error as Error).message}`);
    return 1;
  }
  const cleaned = cleanApiKeyInput(text, TOKEN_MESSAGES);
  if (!cleaned.ok) {
    say(cleaned.message);
    return 1;
  }
  const config = await ctx.config();
  if (config.forced_login_method === 'api') {
    say(ACCESS_TOKEN_LOGIN_DISABLED);
    return 1;
  }
  const token = cleaned.key;
  try {
    if (!token.startsWith('at-')) throw new Error(agentIdentityRefusal(token));
    const http = await ctx.http();
    await checkPersonalAccessToken(token, {
      fetch: http.fetch, env: ctx.io.env, describeNetworkError, forcedWorkspaceIds: config.forced_chatgpt_workspace_id,
    });
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
