// Is this session on a machine whose browser can reach our 127.0.0.1 callback? Over SSH, in a
// container or on a Linux box without a display, the browser that opens the sign-in page runs
// elsewhere, so device code (or paste-back) is the better default (pain point §1).
import { existsSync, readFileSync } from 'node:fs';

export interface EnvironmentProbe {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  exists(path: string): boolean;
  readFile(path: string): string | null;
}

export interface SessionEnvironment {
  remote: boolean;
  /** A short human reason, e.g. `SSH session detected (SSH_CONNECTION is set)`; null when local. */
  reason: string | null;
  /** WSL counts as local: Windows' browser reaches WSL's localhost. */
  wsl: boolean;
}

export const systemProbe = (env: NodeJS.ProcessEnv = process.env): EnvironmentProbe => ({
  env,
  platform: process.platform,
  exists: (path) => existsSync(path),
  readFile: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
});

const set = (value: string | undefined) => value !== undefined && value !== '';

export function isWsl(probe: EnvironmentProbe): boolean {
  if (probe.platform !== 'linux') return false;
  if (set(probe.env.WSL_DISTRO_NAME) || set(probe.env.WSL_INTEROP)) return true;
  return /microsoft/i.test(probe.readFile('/proc/sys/kernel/osrelease') ?? '');
}

function remoteReason(probe: EnvironmentProbe): string | null {
  const { env } = probe;
  if (set(env.SSH_CONNECTION)) return 'SSH session detected (SSH_CONNECTION is set)';
  if (set(env.SSH_TTY)) return 'SSH session detected (SSH_TTY is set)';
  if (set(env.SSH_CLIENT)) return 'SSH session detected (SSH_CLIENT is set)';
  if (set(env.CODESPACES)) return 'GitHub Codespaces detected (CODESPACES is set)';
  if (set(env.REMOTE_CONTAINERS)) return 'Dev container detected (REMOTE_CONTAINERS is set)';
  if (probe.exists('/.dockerenv')) return 'Container detected (/.dockerenv exists)';
  if (probe.exists('/run/.containerenv')) return 'Container detected (/run/.containerenv exists)';
  if (set(env.container)) return `Container detected (container=${env.container})`;
  return null;
}

export function detectEnvironment(probe: EnvironmentProbe): SessionEnvironment {
  const wsl = isWsl(probe);
  const reason = remoteReason(probe);
  if (reason) return { remote: true, reason, wsl };
  if (probe.platform === 'linux' && !wsl && !set(probe.env.DISPLAY) && !set(probe.env.WAYLAND_DISPLAY)) {
    // A configured BROWSER (say a text browser) runs here and can reach the callback.
    const browser = probe.env.BROWSER?.trim();
    if (!browser || browser === 'none') {
      return { remote: true, reason: 'No graphical display (DISPLAY and WAYLAND_DISPLAY are unset)', wsl };
    }
  }
  return { remote: false, reason: null, wsl };
}
