// Banners with one next step: a dead sign-in is not drawn in the accent colour, informational banners
// clear by themselves, and "esc dismiss" is offered only when there is something to dismiss.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Notice } from '../../src/auth/types.js';
import { AuthNotices, INFO_NOTICE_MS, TRANSIENT_HINT } from '../../src/auth/authNotices.js';
import { AuthState } from '../../src/auth/authState.js';
import { REFRESH_MESSAGES } from '../../src/auth/refreshErrors.js';
import { advance, cleanupInk, inAct, renderApp } from '../support/ink.js';
import { chatgptSnapshot, fakeServices } from '../support/fakeServices.js';

afterEach(() => {
  cleanupInk();
  vi.useRealTimers();
});

const notice = (over: Partial<Notice>): Notice => ({ id: 1, kind: 'warning', level: 'warning', message: 'm', sticky: false, ...over });

describe('the banners the AuthManager raises', () => {
  const notices = () => {
    const state = new AuthState('file');
    return { state, notices: new AuthNotices(state, { warnings: [] } as never, () => 0) };
  };

  it('a permanent failure: the reason, and /login as the one next step', () => {
    const { state, notices: n } = notices();
    n.permanentFailure(REFRESH_MESSAGES.exhausted);
    expect(state.get().notices).toMatchObject([{
      message: 'Your access token could not be refreshed because your refresh token was already used.',
      action: 'Type /login to sign in again.',
    }]);
  });

  it('a transient failure: a full stop, and a hint when the message has none', () => {
    const { state, notices: n } = notices();
    n.transientFailure('Failed to refresh token: 503 Service Unavailable');
    expect(state.get().notices[0]!.message).toBe(`Failed to refresh token: 503 Service Unavailable. ${TRANSIENT_HINT}`);
    n.transientFailure('auth.openai.com did not answer in time: check your connection or proxy settings, then try again.');
    expect(state.get().notices[0]!.message).toBe('auth.openai.com did not answer in time: check your connection or proxy settings, then try again.');
  });
});

describe('home screen banners', () => {
  it('offers esc dismiss only with a banner to dismiss; an info banner clears by itself', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-01T10:00:00Z') });
    const services = fakeServices({ snapshot: chatgptSnapshot() });
    const ui = await renderApp(services);
    let frame = await ui.waitFor('Type / for commands');
    expect(frame).not.toContain('esc dismiss');

    await inAct(() => services.auth.set(chatgptSnapshot({}, { notices: [notice({ id: 7, kind: 'adopted-refresh', level: 'info', message: 'Another Codex session refreshed your sign-in.' })] })));
    frame = await ui.waitFor('Another Codex session refreshed');
    expect(frame).toContain('esc dismiss');
    await advance(INFO_NOTICE_MS + 100);
    expect(services.auth.dismissed).toContain(7);
  });

  it('a sticky permanent failure alone: no esc dismiss', async () => {
    const services = fakeServices({
      snapshot: chatgptSnapshot({}, {
        refreshFailure: { reason: 'revoked', message: 'revoked' },
        notices: [notice({ kind: 'refresh-permanent', level: 'error', message: 'Your access token could not be refreshed.', action: 'Type /login to sign in again.', sticky: true })],
      }),
    });
    const ui = await renderApp(services);
    const frame = await ui.waitFor('Type / for commands');
    expect(frame).toContain('Type /login to sign in again.');
    expect(frame).not.toContain('esc dismiss');
  });
});
