import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, cleanupInk, inAct, renderApp } from '../support/ink.js';
import { fakeServices } from '../support/fakeServices.js';

afterEach(() => cleanupInk());

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCa1b2'; // 51 characters

async function openApiKeyScreen(envKey: string | null = null) {
  const services = fakeServices();
  services.login.envKey = envKey;
  const ui = await renderApp(services);
  await ui.waitFor('Welcome to Codex');
  await ui.press('3');
  await ui.waitFor('Use your own OpenAI API key');
  return { services, ui };
}

describe('API key screen', () => {
  it('masks a pasted key, cleans paste markers and quotes, and Tab reveals it', async () => {
    const { ui } = await openApiKeyScreen();
    await ui.press(`${KEYS.pasteStart}  "${KEY}"\r\n${KEYS.pasteEnd}`);
    const frame = await ui.waitFor('sk-proj-***Ca1b2 (51 chars)');
    expect(frame).not.toContain(KEY);
    await ui.press(KEYS.tab);
    await ui.waitFor(KEY);
    await ui.press(KEYS.tab);
    await ui.waitFor('sk-proj-***Ca1b2 (51 chars)');
  });

  it('refuses pasted text with inner whitespace', async () => {
    const { ui } = await openApiKeyScreen();
    await ui.press(`${KEYS.pasteStart}sk-proj-abc def-ghijkl${KEYS.pasteEnd}`);
    await ui.waitFor('contain no spaces or line breaks');
    expect(ui.frame()).toContain('Paste or type your API key');
  });

  it('Backspaces that arrive in one burst erase characters; none is added to the key', async () => {
    const { services, ui } = await openApiKeyScreen();
    await ui.press(`${KEY}zz`, KEYS.backspace.repeat(2), KEYS.enter);
    await ui.waitFor('Checking the key with OpenAI');
    expect(services.login.verified).toEqual([KEY]);
  });

  it('an empty key cannot be submitted', async () => {
    const { services, ui } = await openApiKeyScreen();
    await ui.press(KEYS.enter);
    await ui.waitFor('API key cannot be empty');
    expect(services.login.verified).toEqual([]);
  });

  it('prefills from OPENAI_API_KEY; the first typed character replaces it', async () => {
    const { ui } = await openApiKeyScreen(KEY);
    const frame = await ui.waitFor('Detected OPENAI_API_KEY environment variable.');
    expect(frame).toContain('sk-proj-***Ca1b2 (51 chars)');
    await ui.press('x');
    await ui.waitFor((f) => !f.includes('(51 chars)') && f.includes('*** (1 char)'));
    await ui.press(KEYS.tab);
    await ui.waitFor(/> x\s*$/m);
  });

  it('a refused key shows the error and is not saved', async () => {
    const { services, ui } = await openApiKeyScreen();
    await ui.press(KEY, KEYS.enter);
    await ui.waitFor('Checking the key with OpenAI');
    await inAct(() => services.login.verify.resolve({ status: 'refused', message: 'Incorrect API key provided.' }));
    await ui.waitFor('OpenAI refused this key: Incorrect API key provided. Nothing was saved.');
    expect(services.login.saved).toEqual([]);
  });

  it('an unreachable check offers s to save anyway, then goes home', async () => {
    const { services, ui } = await openApiKeyScreen();
    await ui.press(KEY, KEYS.enter);
    await inAct(() => services.login.verify.resolve({ status: 'unreachable', message: 'connect ECONNREFUSED' }));
    await ui.waitFor('The key was not verified. Press s to save it anyway');
    expect(services.login.saved).toEqual([]);
    await ui.press('s');
    const frame = await ui.waitFor('✓ API key saved (sk-proj-***Ca1b2)');
    expect(services.login.saved).toEqual([KEY]);
    expect(frame).toContain('Not verified: OpenAI could not be reached.');
    expect(frame).toContain('Using API key');
  });

  it('a valid key is saved and home shows it', async () => {
    const { services, ui } = await openApiKeyScreen();
    await ui.press(KEY, KEYS.enter);
    await inAct(() => services.login.verify.resolve({ status: 'valid' }));
    await ui.waitFor('✓ API key configured');
    expect(services.login.saved).toEqual([KEY]);
  });

  it('q is text while the field has content; Esc goes back', async () => {
    const { ui } = await openApiKeyScreen();
    await ui.press('sk-', 'q');
    await ui.press(KEYS.tab);
    await ui.waitFor('sk-q');
    expect(ui.listening()).toBe(true);
    await ui.press(KEYS.escape);
    await ui.waitFor('Welcome to Codex');
  });
});

describe('API key screen, leaving while the key is checked', () => {
  it('Esc during the check: a late "valid" verdict saves nothing and stays on the picker', async () => {
    const { services, ui } = await openApiKeyScreen();
    await ui.press(KEY, KEYS.enter);
    await ui.waitFor('Checking the key with OpenAI');
    await ui.press(KEYS.escape);
    await ui.waitFor('Welcome to Codex');
    await inAct(() => services.login.verify.resolve({ status: 'valid' }));
    await inAct(() => undefined);
    expect(services.login.saved).toEqual([]);
    expect(ui.frame()).toContain('Welcome to Codex');
    expect(ui.frame()).not.toContain('API key configured');
  });
});
