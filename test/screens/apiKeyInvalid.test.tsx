// A key refused locally (it cannot be a key, src/auth/apiKeyInput.ts): the screen shows why, with the
// character's position, and never offers to save it anyway; the mask is the one format everywhere.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, cleanupInk, inAct, renderApp } from '../support/ink.js';
import { fakeServices } from '../support/fakeServices.js';

afterEach(() => cleanupInk());

const KEY = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCa1b2';

describe('API key screen: a key that cannot be one', () => {
  it('shows the local refusal; s does not save it', async () => {
    const services = fakeServices();
    const ui = await renderApp(services);
    await ui.waitFor('Welcome to Codex');
    await ui.press('3');
    await ui.waitFor('Use your own OpenAI API key');
    await ui.press(KEY, KEYS.enter);
    expect(ui.frame()).toContain('sk-proj-***Ca1b2 (51 chars)');
    const message = 'The API key contains a character that cannot be part of a key (keys are plain ASCII). Paste only the key itself. Character 12 of the key is "é" (U+00E9).';
    await inAct(() => services.login.verify.resolve({ status: 'invalid', message }));
    const frame = await ui.waitFor('Nothing was sent or saved.');
    expect(frame.replace(/\s+/g, ' ')).toContain('Character 12 of the key is "é" (U+00E9). Nothing was sent or saved.');
    expect(frame).not.toContain('OpenAI refused');
    expect(frame).not.toContain('save it anyway');
    await ui.press('s');
    expect(services.login.saved).toEqual([]);
  });
});
