// NO_COLOR (from the services' env) turns every colour off; bold and dim stay.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '1'; // let chalk emit colours in this file, so their absence means something
});

const { cleanupInk, renderApp } = await import('../support/ink.js');
const { fakeServices } = await import('../support/fakeServices.js');
const { themeFromEnv } = await import('../../components/theme.js');

afterEach(() => cleanupInk());

const COLOR = /\x1b\[(3[0-7]|9[0-7]|38;)/;

describe('NO_COLOR', () => {
  it('the picker is coloured by default and colourless with NO_COLOR', async () => {
    const coloured = await renderApp(fakeServices());
    await coloured.waitFor('Welcome to Codex');
    expect(coloured.raw()).toMatch(COLOR);
    cleanupInk();
    const plain = await renderApp(fakeServices({ env: { NO_COLOR: '1' } }));
    await plain.waitFor('Welcome to Codex');
    expect(plain.raw()).not.toMatch(COLOR);
    expect(plain.raw()).toContain('\x1b[1m'); // bold stays
  });

  it('TERM=dumb also means no colour; an empty NO_COLOR does not', () => {
    expect(themeFromEnv({ TERM: 'dumb' }).noColor).toBe(true);
    expect(themeFromEnv({ NO_COLOR: '' }).noColor).toBe(false);
  });
});
