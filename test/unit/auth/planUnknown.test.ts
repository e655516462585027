// A missing or unrecognised plan claim reads "plan unknown" everywhere (login status, home, the success
// line), never "(Unknown)" or nothing; the success lines say "Signed in as …" once.
import { describe, expect, it } from 'vitest';
import { describe as describeIdentity } from '../../../src/auth/describe.js';
import { chatgptSuccess } from '../../../src/oauth/finishLogin.js';
import { successLines } from '../../../screens/messages.js';
import { makeIdToken } from '../../support/jwt.js';

const chatgpt = { kind: 'chatgpt', email: 'ada@example.com', plan: 'unknown', accountId: 'a', userId: 'u', accessTokenExpiresAt: null, lastRefresh: null, maskedApiKey: null } as const;

describe('plan unknown', () => {
  it('in login status and the home header', () => {
    expect(describeIdentity(chatgpt).loginStatus).toBe('Logged in using ChatGPT - ada@example.com (plan unknown)');
    expect(describeIdentity(chatgpt).who).toBe('Signed in as ada@example.com (plan unknown) with ChatGPT');
  });

  it('after a sign-in, for a missing or an unrecognised claim', () => {
    for (const plan of [null, 'galaxy-brain']) {
      const success = chatgptSuccess(makeIdToken({ email: 'ada@example.com', plan, accountId: 'a' }), null);
      expect(success.plan).toBe('plan unknown');
      const lines = successLines(success, 'browser', '/h/auth.json').map((l) => l.text);
      expect(lines[0]).toBe('✓ Signed in as ada@example.com (plan unknown)');
      expect(lines.join(' ').match(/Signed in/g)).toHaveLength(1);
    }
  });
});
