// Copies text for the person: a local clipboard tool when one is installed (wl-copy, xclip,
// xsel, pbcopy, clip.exe), else an OSC 52 escape that asks the terminal itself to copy, which
// also works over SSH. Over SSH the terminal is the only clipboard that matters (pain point §6).
import type { spawn as nodeSpawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface ClipboardDeps {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Where the OSC 52 sequence goes (the terminal). */
  terminal: { write(data: string): unknown };
  spawn?: typeof nodeSpawn;
  /** True when the executable is on PATH. */
  hasCommand?: (name: string) => boolean;
  /** How long one tool may take before it counts as failed; default 2 s. */
  toolTimeoutMs?: number;
}

const TOOL_TIMEOUT_MS = 2_000;

export function commandOnPath(name: string, env: NodeJS.ProcessEnv): boolean {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // keep looking
    }
  }
  return false;
}

/** The clipboard tools worth trying here, best first. */
export function clipboardTools(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): [string, string[]][] {
  if (platform === 'darwin') return [['pbcopy', []]];
  if (platform === 'win32') return [['clip.exe', []]];
  const tools: [string, string[]][] = [];
  if (env.WAYLAND_DISPLAY) tools.push(['wl-copy', []]);
  if (env.DISPLAY) tools.push(['xclip', ['-selection', 'clipboard']], ['xsel', ['--clipboard', '--input']]);
  if (env.WSL_DISTRO_NAME || env.WSL_INTEROP) tools.push(['clip.exe', []]);
  return tools;
}

/** OSC 52 "set clipboard"; inside tmux wrapped in its passthrough so it reaches the outer terminal. */
export function osc52(text: string, env: NodeJS.ProcessEnv): string {
  const sequence = `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
  if (env.TMUX) return `\x1bPtmux;${sequence.replaceAll('\x1b', '\x1b\x1b')}\x1b\\`;
  return sequence;
}

function runTool(spawn: typeof nodeSpawn, env: NodeJS.ProcessEnv, command: string, args: string[], text: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'ignore', 'ignore'] });
    const timer = setTimeout(() => {
      child.kill();
      resolve(false);
    }, timeoutMs);
    child.on('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    // wl-copy, xclip and xsel fork a child that serves the selection; the command itself exits
    // 0 once it holds the text.
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
    child.stdin?.on('error', () => {});
    child.stdin?.end(text);
  });
}

export async function copyToClipboard(text: string, deps: ClipboardDeps): Promise<'clipboard' | 'osc52'> {
  const overSsh = Boolean(deps.env.SSH_CONNECTION || deps.env.SSH_TTY || deps.env.SSH_CLIENT);
  if (!overSsh) {
    const spawn = deps.spawn ?? process.getBuiltinModule('node:child_process').spawn; // on use, not with the picker
    const has = deps.hasCommand ?? ((name: string) => commandOnPath(name, deps.env));
    for (const [command, args] of clipboardTools(deps.env, deps.platform)) {
      if (has(command) && (await runTool(spawn, deps.env, command, args, text, deps.toolTimeoutMs ?? TOOL_TIMEOUT_MS))) return 'clipboard';
    }
  }
  deps.terminal.write(osc52(text, deps.env));
  return 'osc52';
}
