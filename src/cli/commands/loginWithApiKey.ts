// `codex login --with-api-key`: the key arrives on stdin (never on the command line, where `ps` and
// shell history would see it). Nothing is written unless the input is exactly one plausible key.
import { API_KEY_CHECKED_LATER } from '../../auth/describe.js';
import { API_KEY_LOGIN_DISABLED } from '../../auth/loginPolicy.js';
import type { CliContext } from '../context.js';
import { readStdinSecret } from '../stdinSecret.js';

export const STDIN_IS_TTY =
  '--with-api-key expects the API key on stdin. Try piping it, e.g. `printenv OPENAI_API_KEY | codex login --with-api-key`.';

export async function loginWithApiKey(ctx: CliContext): Promise<number> {
  const say = (line: string) => ctx.io.stderr.write(`${line}\n`);
  if (ctx.io.stdin.isTTY) {
    say(STDIN_IS_TTY);
    return 1;
  }
  const config = await ctx.config();
  if (config.forced_login_method === 'chatgpt') {
    say(API_KEY_LOGIN_DISABLED);
    return 1;
  }
  const key = await readStdinSecret(ctx, { stdinIsTty: STDIN_IS_TTY, reading: 'Reading API key from stdin...' });
  if (key === null) return 1;
  const auth = await ctx.auth();
  try {
    const outcome = await auth.loginWithApiKey(key);
    auth.dispose();
    if (outcome.warning) for (const line of outcome.warning.split('\n')) say(`Warning: ${line}`);
    say(`API key saved. ${API_KEY_CHECKED_LATER}`); // the real CLI's words since 0.169 (§9.1)
    say(`Stored in ${outcome.location}`);
    return 0;
  } catch (error) {
    say(`Error logging in: ${(error as Error).message}`);
    return 1;
  }
}
