// Text built from results: the success line after a sign-in, the /logout report.
import { accountLabel } from '../src/auth/describe.js';
import type { LogoutResult } from '../src/auth/types.js';
import type { LoginSuccess } from '../src/oauth/types.js';
import type { ReportLine, SignInHow } from './flow.js';

const HOW: Record<SignInHow, string> = {
  // The first line already says "Signed in as …": these say how, without saying it twice.
  browser: 'The browser sign-in is complete.',
  device: 'The one-time device code was accepted.',
  apikey: 'Codex will use usage-based billing with this key.',
  'apikey-unverified': 'Not verified: OpenAI could not be reached. If requests fail, check the key with /status.',
};

export function successLines(success: LoginSuccess, how: SignInHow, storedAt: string | null): ReportLine[] {
  const first = success.method === 'apikey'
    ? `✓ API key ${how === 'apikey-unverified' ? 'saved' : 'configured'}${success.maskedKey ? ` (${success.maskedKey})` : ''}`
    : `✓ Signed in as ${accountLabel(success.email, success.plan)}`;
  const where = storedAt ? ` Saved to ${storedAt}.` : '';
  return [{ tone: 'success', text: first }, { tone: 'info', text: `${HOW[how]}${where}` }];
}

export function logoutReport(result: LogoutResult, env: NodeJS.ProcessEnv): ReportLine[] {
  const lines: ReportLine[] = [{ tone: 'success', text: '✓ Signed out.' }];
  if (result.removed.length === 0) lines.push({ tone: 'info', text: 'No stored credentials were found to remove.' });
  for (const { backend, location } of result.removed) lines.push({ tone: 'info', text: `Removed ${backend}: ${location}` });
  if (result.revokeError) {
    lines.push({ tone: 'warning', text: `Could not revoke the token with OpenAI (${result.revokeError}); you are signed out on this machine.` });
  }
  if ((env.OPENAI_API_KEY ?? '').trim() !== '') {
    lines.push({ tone: 'warning', text: 'OPENAI_API_KEY is still set in your environment; unset it so it is not offered again.' });
  }
  return lines;
}
