// Reduced motion: no spinner anywhere; waiting screens never animate.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanupInk, inAct, renderApp } from '../support/ink.js';
import { FakeDeviceAttempt, fakeServices } from '../support/fakeServices.js';

vi.mock('ink-spinner', () => ({ default: () => 'SPIN' })); // a marker this file can look for

afterEach(() => cleanupInk());

async function deviceScreen(env: NodeJS.ProcessEnv) {
  const services = fakeServices({ env });
  const ui = await renderApp(services);
  await ui.waitFor('Welcome to Codex');
  await ui.press('2');
  return { services, ui };
}

describe('motion', () => {
  it('a spinner while a code is requested; none with CODEX_REDUCED_MOTION=1, TERM=dumb or NO_COLOR', async () => {
    const moving = await deviceScreen({});
    await moving.ui.waitFor('SPIN Requesting a one-time code');
    cleanupInk();
    for (const env of [{ CODEX_REDUCED_MOTION: '1' }, { TERM: 'dumb' }, { NO_COLOR: '1' }]) {
      const { ui } = await deviceScreen(env);
      const frame = await ui.waitFor('Requesting a one-time code');
      expect(frame, JSON.stringify(env)).not.toContain('SPIN');
      cleanupInk();
    }
  });

  it('the device code screen waits without a spinner, the code drawn as one token', async () => {
    const { services, ui } = await deviceScreen({});
    await inAct(() => services.login.device.resolve(new FakeDeviceAttempt('https://auth.openai.com/codex/device', 'WXYZ-61A6', Date.now() + 15 * 60_000)));
    const frame = await ui.waitFor('WXYZ-61A6');
    expect(frame).toContain('Waiting for you to enter the code');
    expect(frame).not.toContain('SPIN');
  });
});
