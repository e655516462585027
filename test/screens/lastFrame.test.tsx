// Leaving a screen leaves a last frame that says what happened, not one that still says it waits.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, cleanupInk, inAct, renderApp } from '../support/ink.js';
import { chatgptSnapshot, fakeServices } from '../support/fakeServices.js';
import { openBrowserScreen, openDeviceNotEnabledScreen, openDeviceScreen, openPortBusyScreen } from '../support/appScreens.js';

afterEach(() => cleanupInk());


describe('the last frame', () => {
  it.each([['q'], [KEYS.ctrlC]])('device code, %j: the code no longer works, and the attempt is cancelled', async (key) => {
    const { ui, attempt } = await openDeviceScreen();
    await ui.press(key);
    expect(ui.listening()).toBe(false);
    expect(ui.frame()).toBe('Sign-in cancelled; the code WXYZ-61A6 no longer works.');
    expect(attempt.cancelled).toBe(1);
  });

  it.each([['q'], [KEYS.ctrlC]])('browser, %j: the link no longer works', async (key) => {
    const { ui, attempt } = await openBrowserScreen();
    await ui.press(key);
    expect(ui.listening()).toBe(false);
    expect(ui.frame()).toBe('Sign-in cancelled; the link above no longer works.');
    expect(attempt.cancelled).toBe(1);
  });

  it('browser, SIGTERM: the same last frame', async () => {
    const { ui } = await openBrowserScreen();
    await inAct(() => {
      process.emit('SIGTERM', 'SIGTERM');
    });
    expect(ui.listening()).toBe(false);
    expect(ui.frame()).toBe('Sign-in cancelled; the link above no longer works.');
  });

  it('API key, Ctrl+C with a key typed: nothing was saved', async () => {
    const services = fakeServices();
    const ui = await renderApp(services);
    await ui.waitFor('Welcome to Codex');
    await ui.press('3', 'sk-abc', KEYS.ctrlC);
    expect(ui.listening()).toBe(false);
    expect(ui.frame()).toBe('Sign-in cancelled; no API key was saved.');
  });

  it('the picker stays as it is: it claims nothing', async () => {
    const ui = await renderApp(fakeServices());
    await ui.waitFor('Welcome to Codex');
    await ui.press(KEYS.ctrlC);
    expect(ui.frame()).toContain('Welcome to Codex');
  });

  it('home, Ctrl+C: the frame stays as it is, who is signed in; nothing was pending', async () => {
    const ui = await renderApp(fakeServices({ snapshot: chatgptSnapshot() }));
    await ui.waitFor('Type / for commands');
    await ui.press('/help', KEYS.enter);
    await ui.waitFor('Keys:');
    await ui.press(KEYS.ctrlC);
    expect(ui.listening()).toBe(false);
    expect(ui.frame()).toContain('Signed in as alice@example.com (Plus) with ChatGPT');
    expect(ui.frame()).not.toMatch(/Waiting|cancelled/);
  });

  it('callback port busy, Ctrl+C: the frame says what it said, no sign-in waits behind it', async () => {
    const { ui } = await openPortBusyScreen();
    await ui.press(KEYS.ctrlC);
    expect(ui.listening()).toBe(false);
    expect(ui.frame()).toContain('Port 1455 is already in use');
    expect(ui.frame()).not.toContain('Waiting');
  });

  it('device code not enabled, Ctrl+C: the frame says what it said, no sign-in waits behind it', async () => {
    const { ui } = await openDeviceNotEnabledScreen();
    await ui.press(KEYS.ctrlC);
    expect(ui.listening()).toBe(false);
    expect(ui.frame()).toContain('Device code sign-in is not enabled');
    expect(ui.frame()).not.toContain('Waiting');
  });
});
