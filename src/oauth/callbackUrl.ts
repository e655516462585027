// Reads the URL the browser ended on (`http://127.0.0.1:1455/auth/callback?code=…&state=…`),
// pasted by a person whose browser could not reach this machine's callback server.
import { cleanPastedText } from './pastedText.js';
import { LoginError } from './types.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const notACallback = () =>
  new LoginError(
    'invalid_callback_url',
    'That is not the sign-in callback URL. Copy the whole address from the browser tab that shows ' +
      '"This site can’t be reached" (it starts with http://127.0.0.1:1455/auth/callback?code=).',
  );

export function parsePastedCallbackUrl(pasted: string): URLSearchParams {
  let text = cleanPastedText(pasted).replace(/\s+/g, '');
  if (/^(localhost|127\.0\.0\.1)[:/]/i.test(text)) text = `http://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw notACallback();
  }
  if (!/^https?:$/.test(url.protocol) || !LOOPBACK_HOSTS.has(url.hostname) || url.pathname !== '/auth/callback') {
    throw notACallback();
  }
  const params = url.searchParams;
  if (!params.get('state') || (!params.get('code') && !params.get('error'))) {
    throw new LoginError(
      'invalid_callback_url',
      'That callback URL is incomplete: it needs both code= and state=. Copy the whole address from the browser.',
    );
  }
  return params;
}
