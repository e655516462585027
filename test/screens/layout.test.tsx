// Every screen fits the terminal from 40x12 to 200x60: no frame wider than the window, and at least
// one row shorter (a frame as tall as the terminal makes Ink clear the screen, scrollback included).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliContext, type CliIO } from '../../src/cli/context.js';
import { interactiveServices } from '../../src/cli/run.js';
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
      return ui.waitFor('ABCD');
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
  'home with /help': {
    snapshot: () => chatgptSnapshot(),
    setup: async (_services, ui) => {
      await ui.waitFor('Type / for commands');
      await ui.press('/help', KEYS.enter);
      return ui.waitFor(/Keys:|more lines/);
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
      frames.push(ui.firstFrame());
      cleanupInk();
    }
    for (const frame of frames) expect(frame).toMatch(/Sign in with ChatGPT|Type \/ for commands/);
    for (const frame of frames) expect(frame.match(/[^\x00-\x7F]/g) ?? [], frame).toEqual([]);
  });

  it('codex itself draws the real screen in its first frame: the credentials are read before it', async () => {
    // The services `codex` starts the screens with (src/cli/run.ts), a real AuthManager on auth.json.
    const home = mkdtempSync(join(tmpdir(), 'codex-first-frame-'));
    try {
      const first = async () => {
        const io = { env: { CODEX_HOME: home, HOME: home }, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, streams: () => process } as unknown as CliIO;
        const { services } = await interactiveServices(new CliContext(io, []));
        const ui = await renderApp(services);
        const frame = ui.firstFrame();
        cleanupInk();
        services.auth.dispose();
        return frame;
      };
      const signedOut = await first();
      expect(signedOut).toContain('Sign in with ChatGPT');
      writeFileSync(join(home, 'auth.json'), JSON.stringify({ auth_mode: 'apikey', OPENAI_API_KEY: 'sk-proj-0123456789abcdefghijklmnopqrstuvwxyzABCDE' }), { mode: 0o600 });
      const home_ = await first();
      expect(home_).toContain('Using API key sk-proj-***ABCDE');
      for (const frame of [signedOut, home_]) {
        expect(frame).not.toContain('Loading');
        expect(frame.match(/[^\x00-\x7F]/g) ?? [], frame).toEqual([]);
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
