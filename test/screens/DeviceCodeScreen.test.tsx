import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoginError } from '../../src/oauth/types.js';
import { KEYS, advance, cleanupInk, inAct, renderApp } from '../support/ink.js';
import { FakeDeviceAttempt, chatgptSnapshot, fakeServices } from '../support/fakeServices.js';


afterEach(() => {
  cleanupInk();
  vi.useRealTimers();
});

async function openDeviceScreen() {
  const services = fakeServices();
  const ui = await renderApp(services);
  await ui.waitFor('Welcome to Codex');
  await ui.press('2');
  await ui.waitFor('Requesting a one-time code');
  return { services, ui };
}

describe('device code screen', () => {
  it('shows the link, the code as one unbroken token, the expiry in minutes and the phishing warning', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-22T10:00:00Z') });
    const { services, ui } = await openDeviceScreen();
    const attempt = new FakeDeviceAttempt('https://auth.openai.com/codex/device', 'ABCD-12345', Date.now() + 15 * 60_000);
    await inAct(() => services.login.device.resolve(attempt));
    const frame = await ui.waitFor('ABCD-12345');
    expect(frame).not.toContain('A B C D'); // selecting it copies the code, no spaces
    expect(frame).toContain('https://auth.openai.com/codex/device');
    expect(frame).toContain('expires in 15 min');
    expect(frame.replace(/\s+/g, ' ')).toContain('Continue only if you started this login in Codex. If a website or another person gave you this code, cancel.'); // 0.171's warning, wrapped to the width
    expect(frame).toContain('Waiting for you to enter the code…'); // feedback while polling, not a frozen screen
    await advance(5 * 60_000);
    await ui.waitFor('expires in 10 min');
    await advance(9 * 60_000 + 15_000);
    await ui.waitFor('expires in 45 s'); // seconds only in the last minute
  });

  it('Esc cancels the attempt and goes back to the picker', async () => {
    const { services, ui } = await openDeviceScreen();
    const attempt = new FakeDeviceAttempt('https://auth.openai.com/codex/device', 'ABCD-12345', Date.now() + 15 * 60_000);
    await inAct(() => services.login.device.resolve(attempt));
    await ui.waitFor('ABCD-12345');
    await ui.press(KEYS.escape);
    await ui.waitFor('Welcome to Codex');
    expect(attempt.cancelled).toBe(1);
  });

  it('success goes straight home', async () => {
    const { services, ui } = await openDeviceScreen();
    const attempt = new FakeDeviceAttempt('https://auth.openai.com/codex/device', 'ABCD-12345', Date.now() + 15 * 60_000);
    await inAct(() => services.login.device.resolve(attempt));
    await ui.waitFor('ABCD-12345');
    await inAct(() => {
      services.auth.set(chatgptSnapshot({ plan: 'pro', email: 'alice@example.com' }));
      attempt.result.resolve({ method: 'chatgpt', email: 'alice@example.com', plan: 'Pro', maskedKey: null });
    });
    const frame = await ui.waitFor('✓ Signed in as alice@example.com (Pro)');
    expect(frame).toContain('one-time device code');
  });

  it('not enabled: says how to enable it and offers the other methods', async () => {
    const { services, ui } = await openDeviceScreen();
    await inAct(() => services.login.device.reject(new LoginError('device_not_enabled', 'device code login is not enabled for this Codex server.')));
    const frame = await ui.waitFor('Device code sign-in is not enabled');
    expect(frame).toContain('Settings → Security');
    expect(frame).toContain('workspace admin');
    expect(frame).toContain('1. Sign in with ChatGPT');
    expect(frame).toContain('2. Use an API key');
    await ui.press('2');
    await ui.waitFor('Use your own OpenAI API key');
  });
});
