// Environment detection, opening a browser and copying, with real processes where a user
// would meet them (scripts on a temporary PATH stand in for browsers and clipboard tools).
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyToClipboard, osc52 } from '../../../src/platform/clipboard.js';
import { splitCommandLine } from '../../../src/platform/commandLine.js';
import { detectEnvironment, type EnvironmentProbe } from '../../../src/platform/environment.js';
import { openUrl } from '../../../src/platform/openUrl.js';

let dir = '';
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'codex-platform-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** Polls until `check` holds; the deadline only catches a hang. */
async function eventually(check: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

// Openers and clipboard tools that must be seen failing or finishing get a window that only
// catches a hang: the calls still return as soon as the process exits.
const SLOW_MACHINE_MS = 60_000;

describe('environment detection', () => {
  const probe = (env: NodeJS.ProcessEnv, extra: Partial<EnvironmentProbe> = {}): EnvironmentProbe => ({
    env, platform: 'linux', exists: () => false, readFile: () => null, ...extra,
  });

  it.each([
    [{ SSH_CONNECTION: '1 2 3 4', DISPLAY: ':0' }, 'SSH session detected (SSH_CONNECTION is set)'],
    [{ SSH_TTY: '/dev/pts/1', DISPLAY: ':0' }, 'SSH session detected (SSH_TTY is set)'],
    [{ CODESPACES: 'true', DISPLAY: ':0' }, 'GitHub Codespaces detected (CODESPACES is set)'],
    [{ REMOTE_CONTAINERS: 'true', DISPLAY: ':0' }, 'Dev container detected (REMOTE_CONTAINERS is set)'],
    [{ container: 'podman', DISPLAY: ':0' }, 'Container detected (container=podman)'],
    [{}, 'No graphical display (DISPLAY and WAYLAND_DISPLAY are unset)'],
  ])('%o is remote: %s', (env, reason) => {
    expect(detectEnvironment(probe(env))).toEqual({ remote: true, reason, wsl: false });
  });

  it('sees container marker files', () => {
    const result = detectEnvironment(probe({ DISPLAY: ':0' }, { exists: (p) => p === '/run/.containerenv' }));
    expect(result.reason).toBe('Container detected (/run/.containerenv exists)');
  });

  it('treats a desktop, macOS, WSL and a configured BROWSER as local', () => {
    expect(detectEnvironment(probe({ WAYLAND_DISPLAY: 'wayland-0' })).remote).toBe(false);
    expect(detectEnvironment(probe({}, { platform: 'darwin' })).remote).toBe(false);
    expect(detectEnvironment(probe({ WSL_DISTRO_NAME: 'Ubuntu' }))).toEqual({ remote: false, reason: null, wsl: true });
    const kernel = probe({}, { readFile: () => '5.15.153.1-microsoft-standard-WSL2' });
    expect(detectEnvironment(kernel).wsl).toBe(true);
    expect(detectEnvironment(probe({ BROWSER: 'w3m' })).remote).toBe(false);
  });
});

describe('command lines', () => {
  it('splits like a shell, honouring quotes and escapes', () => {
    expect(splitCommandLine(`"/Applications/My Browser" --new-window '%s' a\\ b ""`)).toEqual([
      '/Applications/My Browser', '--new-window', '%s', 'a b', '',
    ]);
  });
});

describe('openUrl', () => {
  const URL_ = 'https://auth.example/oauth/authorize?a=1&b=2';

  it('runs BROWSER with %s replaced by the URL', async () => {
    const out = join(dir, 'args');
    const browser = script('browser', `printf '%s|' "$@" > "${out}"`);
    const result = await openUrl(URL_, { env: { BROWSER: `${browser} --new-window %s` } });
    expect(result).toEqual({ opened: true, via: 'BROWSER' });
    await eventually(() => existsSync(out) && readFileSync(out, 'utf8').length > 0);
    expect(readFileSync(out, 'utf8')).toBe(`--new-window|${URL_}|`);
  });

  it('appends the URL when BROWSER has no %s', async () => {
    const out = join(dir, 'args');
    const browser = script('browser', `printf '%s|' "$@" > "${out}"`);
    await openUrl(URL_, { env: { BROWSER: browser } });
    await eventually(() => existsSync(out) && readFileSync(out, 'utf8').length > 0);
    expect(readFileSync(out, 'utf8')).toBe(`${URL_}|`);
  });

  it('reports a missing or failing opener instead of throwing', async () => {
    expect(await openUrl(URL_, { env: { BROWSER: join(dir, 'nope') }, earlyFailureMs: SLOW_MACHINE_MS })).toEqual({
      opened: false, via: 'BROWSER', error: `BROWSER command ${join(dir, 'nope')} was not found`,
    });
    const failing = script('failing', 'exit 3');
    expect((await openUrl(URL_, { env: {}, openDefault: async () => spawn(failing), earlyFailureMs: SLOW_MACHINE_MS })).error).toBe(
      'the system browser opener exited with status 3',
    );
    expect((await openUrl(URL_, { env: {}, openDefault: async () => { throw new Error('boom'); } })).error).toBe('boom');
  });

  it('opens nothing for BROWSER=none or a non-web address', async () => {
    const never = () => { throw new Error('must not spawn'); };
    expect(await openUrl(URL_, { env: { BROWSER: 'none' }, spawn: never as never })).toMatchObject({ opened: false, via: 'none' });
    expect((await openUrl('file:///etc/passwd', { env: {}, spawn: never as never })).opened).toBe(false);
  });
});

describe('copyToClipboard', () => {
  const terminal = () => {
    let written = '';
    return { write: (data: string) => (written += data), text: () => written };
  };

  it('uses a clipboard tool on PATH when there is a display', async () => {
    const out = join(dir, 'clip');
    script('xclip', `/bin/cat > "${out}"`);
    const term = terminal();
    const how = await copyToClipboard('ABCD-EFGHIJ', { env: { DISPLAY: ':0', PATH: dir }, platform: 'linux', terminal: term, toolTimeoutMs: SLOW_MACHINE_MS });
    expect(how).toBe('clipboard');
    expect(readFileSync(out, 'utf8')).toBe('ABCD-EFGHIJ');
    expect(term.text()).toBe('');
  });

  it('falls back to OSC 52 when no tool works, and always over SSH', async () => {
    script('xclip', 'exit 1');
    const term = terminal();
    expect(await copyToClipboard('hello', { env: { DISPLAY: ':0', PATH: dir }, platform: 'linux', terminal: term, toolTimeoutMs: SLOW_MACHINE_MS })).toBe('osc52');
    expect(term.text()).toBe('\x1b]52;c;aGVsbG8=\x07');
    const out = join(dir, 'clip');
    script('xsel', `/bin/cat > "${out}"`);
    const ssh = terminal();
    expect(await copyToClipboard('hello', { env: { DISPLAY: ':0', PATH: dir, SSH_TTY: '/dev/pts/0' }, platform: 'linux', terminal: ssh })).toBe('osc52');
    expect(existsSync(out)).toBe(false);
  });

  it('wraps OSC 52 for tmux passthrough', () => {
    expect(osc52('hi', { TMUX: '/tmp/tmux-1/default,1,0' })).toBe('\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\');
  });
});
