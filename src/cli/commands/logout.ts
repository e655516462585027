// `codex logout`: revoke (best effort) and remove the credentials from every store (§9).
import type { CliContext } from '../context.js';

export async function logout(ctx: CliContext): Promise<number> {
  const say = (line: string) => ctx.io.stderr.write(`${line}\n`);
  const auth = await ctx.auth(); // config and CODEX_HOME errors are reported by main
  const store = await ctx.store();
  try {
    const seen = store.warnings.length;
    const result = await auth.logout();
    auth.dispose();
    for (const warning of store.warnings.slice(seen)) say(`Warning: ${warning}`);
    if (result.revokeError) say(`Warning: failed to revoke auth tokens during logout: ${result.revokeError}`);
    say(result.removed.length > 0 ? 'Successfully logged out' : 'Not logged in');
    return 0;
  } catch (error) {
    say(`Error logging out: ${(error as Error).message}`);
    return 1;
  }
}
