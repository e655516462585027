// At 10 rows /help and /status do not fit: they scroll (PgUp/PgDn, Up/Down, Home/End), say how many
// lines are hidden above and below, and drop nothing; a resize while scrolled stays right.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, cleanupInk, renderApp, type InkHarness } from '../support/ink.js';
import { apiKeySnapshot, chatgptSnapshot, fakeServices } from '../support/fakeServices.js';

afterEach(() => cleanupInk());

const PGUP = '\x1b[5~';
const PGDN = '\x1b[6~';
const HOME = '\x1b[H';
const END = '\x1b[F';
// `↓ 6 more lines (pgdn)` below, `↑ 3 more lines (pgup)` above; in under 4 rows one line: `↑ 3 · ↓ 6 more lines (pgup/pgdn)`.
const BELOW = /↓ (\d+) more lines? \(pg(?:up\/pg)?dn\)/;
const ABOVE = /↑ (\d+)(?: more lines? \(pgup\)| ·)/;
const KEYS_END = '· esc close · ctrl+c quit'; // the last words of /help

async function open(command: string, columns = 80, rows = 10) {
  const services = fakeServices({ snapshot: chatgptSnapshot({}, { storedAt: `/home/someone/${'very-long-folder-name/'.repeat(3)}auth.json` }) });
  const ui = await renderApp(services, { columns, rows });
  await ui.waitFor('Type / for commands');
  await ui.press(command, KEYS.enter);
  return ui;
}

/** The panel's lines between the composer and the key hints, without the indicators. */
const panelLines = (frame: string) => {
  const lines = frame.split('\n');
  return lines.slice(lines.findIndex((l) => l.startsWith('> ')) + 1, -1).filter((l) => !BELOW.test(l) && !ABOVE.test(l) && !l.startsWith('/ commands'));
};

function fits(ui: InkHarness, columns: number, rows: number) {
  const lines = ui.frame().split('\n');
  expect(lines.length, ui.frame()).toBeLessThan(rows);
  for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(columns);
}

describe.each([[80], [40]])('at %i columns and 10 rows', (columns) => {
  it('/help pages down to its last line and back up; every line is shown on the way', async () => {
    const ui = await open('/help', columns);
    let frame = await ui.waitFor(BELOW);
    expect(frame).not.toMatch(ABOVE);
    expect(frame.replace(/\s+/g, ' ')).toContain('pgup/pgdn scroll'); // named in the key hints
    const seen = new Set(panelLines(frame));
    for (let i = 0; i < 30 && BELOW.test(ui.frame()); i++) {
      const before = ui.frame();
      await ui.press(PGDN);
      frame = await ui.waitFor((f) => f !== before);
      expect(frame).toMatch(ABOVE);
      fits(ui, columns, 10);
      for (const line of panelLines(frame)) seen.add(line);
    }
    expect(frame).not.toMatch(BELOW);
    expect(frame.replace(/\s+/g, ' ')).toContain(KEYS_END);
    const text = [...seen].join(' ').replace(/\s+/g, ' ');
    for (const name of ['/status', '/usage', '/login', '/logout', '/help', '/quit', 'Keys:']) expect(text).toContain(name);
    for (let i = 0; i < 30 && ABOVE.test(ui.frame()); i++) {
      const before = ui.frame();
      await ui.press(PGUP);
      await ui.waitFor((f) => f !== before);
    }
    expect(ui.frame()).toContain('/status');
    expect(ui.frame()).not.toMatch(ABOVE);
  });

  it('Up/Down move a line, Home/End go to either end (Home/End edit the composer when it has text)', async () => {
    const ui = await open('/help', columns);
    const below = Number(BELOW.exec(await ui.waitFor(BELOW))![1]);
    await ui.press(KEYS.down);
    await ui.waitFor((f) => ABOVE.exec(f)?.[1] === '1');
    const joined = /↑ 1 · ↓/.test(ui.frame()); // in under 4 rows of room the counts share one line
    // Split, the ↑ line takes a row of the window: one line more hidden above, as many as before below.
    expect(Number(BELOW.exec(ui.frame())![1])).toBe(joined ? below - 1 : below);
    await ui.press(KEYS.down);
    await ui.waitFor((f) => ABOVE.exec(f)?.[1] === '2');
    expect(Number(BELOW.exec(ui.frame())![1])).toBe(joined ? below - 2 : below - 1);
    await ui.press(KEYS.up, KEYS.up);
    await ui.waitFor((f) => !ABOVE.test(f) && f.includes('/status'));
    await ui.press(END);
    await ui.waitFor((f) => f.replace(/\s+/g, ' ').includes(KEYS_END) && !BELOW.test(f));
    await ui.press(HOME);
    await ui.waitFor((f) => !ABOVE.test(f) && f.includes('/status'));
    await ui.press('x', END);
    await ui.waitFor(/^> x\s*$/m);
    expect(ui.frame()).not.toMatch(ABOVE); // End moved the composer's cursor, not the panel
  });

  it('/status at the bottom stays at the bottom through a resize, and the counts add up after it', async () => {
    const ui = await open('/status', columns);
    await ui.waitFor(BELOW);
    await ui.press(END);
    const last = await ui.waitFor((f) => ABOVE.test(f) && !BELOW.test(f));
    const lastLine = panelLines(last).at(-1)!;
    await ui.resize(columns === 80 ? 40 : 80, 10);
    await ui.waitFor((f) => !BELOW.test(f) && panelLines(f).join(' ').replace(/\s+/g, ' ').includes(lastLine.trim().split(/\s+/).slice(-2).join(' ')));
    fits(ui, columns === 80 ? 40 : 80, 10);
    await ui.resize(columns, 10);
    await ui.waitFor((f) => !BELOW.test(f) && ABOVE.test(f));
    await ui.press(HOME);
    const top = await ui.waitFor((f) => !ABOVE.test(f));
    expect(top).toMatch(/Signed in with\s+ChatGPT/);
    // Line by line to the end: each Down brings one new line in at the bottom, and the long path is
    // among them whole, wrapped in its column.
    const card: string[] = [...panelLines(top)];
    for (let i = 0; i < 40 && BELOW.test(ui.frame()); i++) {
      const before = ui.frame();
      await ui.press(KEYS.down);
      const last = panelLines(await ui.waitFor((f) => f !== before)).at(-1)!;
      if (last !== card.at(-1)) card.push(last);
    }
    expect(card.join('').replace(/\s+/g, '')).toContain(`Storedin/home/someone/${'very-long-folder-name/'.repeat(3)}auth.jsonProxy`);
  });
});

describe('the /logout question in 10 rows and 40 columns', () => {
  it('is taller than its room: it says so, End brings the question in view, and y answers it', async () => {
    const services = fakeServices({ snapshot: chatgptSnapshot({ email: 'ada@example.com' }, { diskAccountChanged: { email: 'bob@example.com', accountId: 'acct-bob' } }) });
    const ui = await renderApp(services, { columns: 40, rows: 10 });
    await ui.waitFor('Type / for commands');
    await ui.press('/logout', KEYS.enter);
    await ui.waitFor(BELOW);
    fits(ui, 40, 10);
    await ui.press(END);
    await ui.waitFor((f) => !BELOW.test(f) && f.replace(/\s+/g, ' ').includes('or esc to cancel.'));
    fits(ui, 40, 10);
    await ui.press('y');
    await ui.waitFor(() => services.auth.logoutCalls === 1);
  });
});

describe('opening a panel', () => {
  it('no frame on the way is taller than the terminal or padded with blank lines (10 and 40 rows)', async () => {
    for (const rows of [10, 40]) {
      const ui = await open('/help', 80, rows);
      await ui.waitFor(rows === 10 ? BELOW : 'Keys:');
      const from = ui.frames().findIndex((f) => f.includes('/status'));
      for (const frame of ui.frames().slice(from)) {
        expect(frame.split('\n').length, frame).toBeLessThan(rows);
        expect(frame, frame).not.toMatch(/\n\s*\n/); // the panel is not padded out to its room
      }
      cleanupInk();
    }
  });
});

describe('short windows: the home frame is always a row shorter than the terminal', () => {
  // A frame as tall as the terminal makes Ink clear the screen and the scrollback on its next redraw.
  // The rows above the panel are counted as Ink wraps them (at 28 columns the API-key line takes 3).
  it.each([[24, 7], [28, 8], [28, 10], [32, 8], [36, 7], [40, 7], [50, 7], [80, 10]])('%ix%i: typing the command, /help and /status, paging down', async (columns, rows) => {
    for (const snapshot of [chatgptSnapshot(), apiKeySnapshot()]) {
      const ui = await renderApp(fakeServices({ snapshot }), { columns, rows });
      await ui.waitFor('Type / for commands');
      const from = ui.frames().length - 1; // the frames at this size
      for (const command of ['/help', '/status']) {
        await ui.press(command);
        await ui.waitFor((f) => f.includes(`> ${command}`));
        await ui.press(KEYS.enter);
        await ui.waitFor('esc close');
        for (let i = 0; i < 4 && BELOW.test(ui.frame()); i++) {
          const before = ui.frame();
          await ui.press(PGDN);
          await ui.waitFor((f) => f !== before);
        }
        await ui.press(KEYS.escape);
        await ui.waitFor((f) => !f.includes('esc close'));
      }
      for (const frame of ui.frames().slice(from)) {
        expect(frame.split('\n').length, frame).toBeLessThan(rows);
        for (const line of frame.split('\n')) expect(line.length, line).toBeLessThanOrEqual(columns);
      }
      cleanupInk();
    }
  });
});

describe('a tall terminal', () => {
  it('shows /help whole, with no scroll hint', async () => {
    const ui = await open('/help', 80, 40);
    const frame = await ui.waitFor('Keys:');
    expect(frame).not.toMatch(BELOW);
    expect(frame).not.toContain('pgup/pgdn scroll');
  });
});
