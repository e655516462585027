// The person's side of a browser sign-in, done by hand: read the authorize URL codex printed,
// ask the authority where it would send the browser back, or knock on the callback directly.
import { stripAnsi, type PtySession } from '../../support/pty.js';

const AUTHORIZE = /http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?[^\s\x1b\x07]+/;

/** The authorize URL as printed (one unbroken run of characters in the raw output), or null. */
export function printedAuthUrl(raw: string): string | null {
  return AUTHORIZE.exec(stripAnsi(raw))?.[0] ?? null;
}

/** Waits until codex has printed the authorize URL and returns it. */
export async function waitForAuthUrl(session: PtySession, timeoutMs = 30_000): Promise<string> {
  await session.waitFor(AUTHORIZE, { where: 'raw', timeoutMs });
  return printedAuthUrl(session.raw())!;
}

/** Where the authority redirects the browser (the callback URL with code and state), not followed. */
export async function callbackUrlFor(authUrl: string): Promise<string> {
  const response = await fetch(authUrl, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`the authority did not redirect (${response.status})`);
  return location;
}

/** The callback URL with another state, as if from an older sign-in attempt. */
export function withState(callbackUrl: string, state: string): string {
  const url = new URL(callbackUrl);
  url.searchParams.set('state', state);
  return url.toString();
}

/** The same callback, addressed to 127.0.0.1 (where the callback server listens) instead of localhost. */
export function onLoopback(callbackUrl: string): string {
  const url = new URL(callbackUrl);
  url.hostname = '127.0.0.1';
  return url.toString();
}
