// Every screen fits the terminal from 40x12 to 200x60: no frame wider than the window, and at least
// one row shorter (a frame as tall as the terminal makes Ink clear the screen, scrollback included).
import { afterEach, describe, expect, it } from 'vitest';
import { LoginError } from '../../src/oauth/types.js';
import { detectEnvironment } from '../../src/platform/environment.js';
import { KEYS, cleanupInk, inAct, renderApp, type InkHarness } from '../support/ink.js';
import { FakeDeviceAttempt, apiKeySnapshot, chatgptSnapshot, fakeServices, signedOutSnapshot, type FakeServices } from '../support/fakeServices.js';

afterEach(() => cleanupInk());

type Setup = (services: FakeServices, ui: InkHarness) => Promise<string>;

const SCREENS: Record<string, { snapshot?: () => ReturnType<typeof signedOutSnapshot>; setup: Setup }> = {
  picker: {
    snapshot: () => signedOutSnapshot({ loadError: 'Could not parse /home/someone/.codex/auth.json: Unexpected token } in JSON at position 12' }),
    setup: async (services, ui) => {
      services.login.env = { remote: true, reason: 'SSH session detected (SSH_CONNECTION is set)' };
      return ui.waitFor('Codex');
    },
  },
  device: {
    setup: async (services, ui) => {
      await ui.waitFor('Codex');
      await ui.press('2');
      await inAct(() => services.login.device.resolve(new FakeDeviceAttempt('https://auth.openai.com/codex/device', 'ABCD-12345', Date.now() + 900_000)));
      return ui.waitFor('A B C D');
    },
  },
  'device not enabled': {
    setup: async (services, ui) => {
      await ui.waitFor('Codex');
      await ui.press('2');
      await inAct(() => services.login.device.reject(new LoginError('device_not_enabled', 'Device code login is not enabled.')));
      return ui.waitFor('not enabled');
    },
  },
  'port busy': {
    setup: async (services, ui) => {
      await ui.waitFor('Codex');
      await ui.press('1');
      await inAct(() => services.login.browser.reject(new LoginError('port_busy', 'Port 1455 is in use.', 1455)));
      return ui.waitFor('already in use');
    },
  },
  'api key': {
    setup: async (services, ui) => {
      services.login.envKey = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCa1b2';
      await ui.waitFor('Codex');
      await ui.press('3', KEYS.enter);
      await inAct(() => services.login.verify.resolve({ status: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:443' }));
      return ui.waitFor('save it anyway');
    },
  },
  'home with /status': {
    snapshot: () => chatgptSnapshot({ accessTokenExpiresAt: Date.now() + 3600_000, lastRefresh: new Date().toISOString() }, {
      diskAccountChanged: { email: 'bob@example.com', accountId: null },
      notices: [{ id: 1, kind: 'refresh-transient', level: 'warning', message: 'Could not refresh the token; will retry.', retryAt: Date.now() + 60_000, sticky: false }],
    }),
    setup: async (_services, ui) => {
      await ui.waitFor('Type / for commands');
      await ui.press('/status', KEYS.enter);
      return ui.waitFor(/Signed in with|more lines/);
    },
  },
};

describe.each([[40, 12], [80, 24], [200, 60]])('at %ix%i', (columns, rows) => {
  it.each(Object.keys(SCREENS))('%s fits', async (name) => {
    const screen = SCREENS[name]!;
    const services = fakeServices({ snapshot: screen.snapshot?.() });
    const ui = await renderApp(services, { columns, rows });
    const frame = await screen.setup(services, ui);
    const lines = frame.split('\n');
    if (process.env.SHOW_FRAMES) console.log(`--- ${name} ${columns}x${rows}\n${frame}`);
    expect(lines.length, frame).toBeLessThan(rows);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(columns);
  });
});

describe('first frames stay ASCII', () => {
  // Measuring any non-ASCII character makes Ink's string-width load the Unicode segmenter, about
  // 12 ms on the first paint (npm run bench); the screens a session opens on avoid them.
  it('the picker (local and remote) and the home screen, signed in with ChatGPT or an API key', async () => {
    const frames: string[] = [];
    const remote = fakeServices();
    remote.login.env = detectEnvironment({ env: { SSH_CONNECTION: '10.0.0.2 5000 10.0.0.1 22' }, platform: 'linux', exists: () => false, readFile: () => null });
    for (const services of [fakeServices(), remote, fakeServices({ snapshot: chatgptSnapshot() }), fakeServices({ snapshot: apiKeySnapshot() })]) {
      const ui = await renderApp(services);
      frames.push(await ui.waitFor((f) => f.includes('Welcome to Codex') || f.includes('Type / for commands')));
      cleanupInk();
    }
    for (const frame of frames) expect(frame.match(/[^\x00-\x7F]/g) ?? [], frame).toEqual([]);
  });
});
