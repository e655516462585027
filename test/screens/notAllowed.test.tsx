// Stored credentials an admin's policy forbids: the picker opens with the reason, offers only the
// allowed methods, and says the credentials are replaced by the new sign-in (not deleted first).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupInk, renderApp } from '../support/ink.js';
import { fakeServices, signedOutSnapshot } from '../support/fakeServices.js';

afterEach(() => cleanupInk());

describe('sign-in picker with forbidden stored credentials', () => {
  it('forced_login_method = "api" and ChatGPT stored: the reason, and the API key only', async () => {
    const services = fakeServices({
      snapshot: signedOutSnapshot({
        notAllowed: {
          reason: 'API key login is required, but ChatGPT is currently being used.',
          identity: { kind: 'chatgpt', email: 'ada@example.com', plan: 'plus', accountId: 'a', userId: 'u', accessTokenExpiresAt: null, lastRefresh: null, maskedApiKey: null },
          storedAt: '/home/ada/.codex/auth.json',
        },
      }),
    });
    services.login.forcedLoginMethod = 'api';
    const ui = await renderApp(services);
    const frame = await ui.waitFor('API key login is required');
    expect(frame).toContain('! API key login is required, but ChatGPT is currently being used.');
    expect(frame).toContain('Those credentials (/home/ada/.codex/auth.json) are not used. Signing in below replaces them.');
    expect(frame).not.toContain('device code');
    expect(frame).toContain('> 2. Use an API key');
  });
});
