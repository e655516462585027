// The cursor of a field is drawn where it is: an inverse block on the character it stands before.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.FORCE_COLOR = '1'; // let chalk emit the inverse block in this file
});

const { KEYS, cleanupInk, renderApp } = await import('../support/ink.js');
const { chatgptSnapshot, fakeServices } = await import('../support/fakeServices.js');

afterEach(() => cleanupInk());

describe('field cursor', () => {
  it('home composer: on the character after the cursor, or a block at the end', async () => {
    const ui = await renderApp(fakeServices({ snapshot: chatgptSnapshot() }));
    await ui.waitFor('Type / for commands');
    await ui.press('/help');
    await ui.waitFor((f) => f.includes('/help'));
    expect(ui.frame()).toMatch(/^> \/help\s*$/m);
    await ui.press(KEYS.left, KEYS.left);
    await ui.waitFor(() => /\/he\x1b\[7ml\x1b\[27mp/.test(lastRaw(ui.raw())));
  });
});

/** The last frame as drawn, escape sequences kept. */
const lastRaw = (raw: string) => raw.slice(raw.lastIndexOf('Signed in as'));

describe('field cursor without inverse video (TERM=dumb, CODEX_REDUCED_MOTION=1)', () => {
  it.each([[{ TERM: 'dumb' }], [{ CODEX_REDUCED_MOTION: '1' }]])('%j: a | marks where the next character goes; the placeholder is in parentheses', async (env) => {
    const ui = await renderApp(fakeServices({ snapshot: chatgptSnapshot(), env }));
    await ui.waitFor('Type / for commands');
    expect(ui.frame()).toMatch(/^> \| \(Type \/ for commands\)$/m);
    await ui.press('/he', KEYS.left);
    await ui.waitFor(/^> \/h\|e\s*$/m);
    expect(lastRaw(ui.raw())).not.toContain('\x1b[7m'); // no inverse block left to look for
  });

  it('the API key field: the marker after the masked key, where the next character goes', async () => {
    const ui = await renderApp(fakeServices({ env: { TERM: 'dumb' } }));
    await ui.waitFor('Welcome to Codex');
    await ui.press('3');
    await ui.waitFor(/^> \| \(Paste or type your API key\)$/m);
    await ui.press('sk-abc');
    await ui.waitFor(/^> \*\*\* \(6 chars\)\|$/m);
  });
});
