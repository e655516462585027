import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, cleanupInk, renderApp } from '../support/ink.js';
import { fakeServices, signedOutSnapshot } from '../support/fakeServices.js';

afterEach(() => cleanupInk());

describe('sign-in picker', () => {
  it('shows the welcome, the three methods, and highlights the browser on a local machine', async () => {
    const services = fakeServices();
    const ui = await renderApp(services);
    const frame = await ui.waitFor('Welcome to Codex');
    expect(frame).toContain('> 1. Sign in with ChatGPT');
    expect(frame).toContain('Usage included with Plus, Pro, Business, and Enterprise plans');
    expect(frame).toContain('2. Sign in with device code');
    expect(frame).toContain('Sign in from another device with a one-time code');
    expect(frame).toContain('3. Use an API key');
    expect(frame).toContain('Pay for what you use');
  });

  it('highlights the device code on a remote machine and says why', async () => {
    const services = fakeServices();
    services.login.env = { remote: true, reason: 'SSH session detected (SSH_CONNECTION is set)' };
    const ui = await renderApp(services);
    const frame = await ui.waitFor('Welcome to Codex');
    expect(frame).toContain('> 2. Sign in with device code');
    expect(frame).toContain('SSH session detected (SSH_CONNECTION is set) - device code suggested');
  });

  it('moves with arrows and j/k, wrapping around, and Enter opens the method', async () => {
    const services = fakeServices();
    const ui = await renderApp(services);
    await ui.waitFor('Welcome to Codex');
    await ui.press(KEYS.up);
    await ui.waitFor('> 3. Use an API key');
    await ui.press('j');
    await ui.waitFor('> 1. Sign in with ChatGPT');
    await ui.press(KEYS.down, 'k', 'k');
    await ui.waitFor('> 3. Use an API key');
    await ui.press(KEYS.enter);
    await ui.waitFor('Use your own OpenAI API key');
  });

  it('number keys pick directly; Esc from a method returns to the picker', async () => {
    const services = fakeServices();
    const ui = await renderApp(services);
    await ui.waitFor('Welcome to Codex');
    await ui.press('2');
    await ui.waitFor('Requesting a one-time code');
    expect(services.login.deviceStarts).toBe(1);
    await ui.press(KEYS.escape);
    await ui.waitFor('Welcome to Codex');
  });

  it('forced_login_method=api disables ChatGPT and hides the device code', async () => {
    const services = fakeServices();
    services.login.forcedLoginMethod = 'api';
    const ui = await renderApp(services);
    const frame = await ui.waitFor('Welcome to Codex');
    expect(frame).toContain('ChatGPT login is disabled');
    expect(frame).not.toContain('device code');
    expect(frame).toContain('> 2. Use an API key');
    await ui.press('1');
    expect(ui.frame()).toContain('Welcome to Codex');
    await ui.press(KEYS.up);
    expect(ui.frame()).toContain('> 2. Use an API key');
  });

  it('forced_login_method=chatgpt hides the API key and says so', async () => {
    const services = fakeServices();
    services.login.forcedLoginMethod = 'chatgpt';
    const ui = await renderApp(services);
    const frame = await ui.waitFor('Welcome to Codex');
    expect(frame).not.toContain('Use an API key');
    expect(frame).toContain('API key login is disabled by this workspace. Sign in with ChatGPT to continue.');
  });

  it('shows a malformed auth.json clearly', async () => {
    const services = fakeServices({ snapshot: signedOutSnapshot({ loadError: 'Could not parse /home/a/.codex/auth.json: Unexpected token' }) });
    const ui = await renderApp(services);
    const frame = await ui.waitFor('Welcome to Codex');
    expect(frame).toContain('Could not parse /home/a/.codex/auth.json');
    expect(frame).toContain('left untouched');
  });

  it('q quits and Ctrl+C quits', async () => {
    for (const key of ['q', KEYS.ctrlC]) {
      const services = fakeServices();
      const ui = await renderApp(services);
      await ui.waitFor('Welcome to Codex');
      expect(ui.listening()).toBe(true);
      await ui.press(key);
      expect(ui.listening()).toBe(false); // exited: raw mode released, keys no longer read
      cleanupInk();
    }
  });
});
