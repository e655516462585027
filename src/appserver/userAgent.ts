// The `userAgent` of the initialize result, shaped like the real server's:
// `my-editor/0.1.0 (Debian 12; x86_64) xterm (my-editor; 2.3.4)`.
import { readFileSync } from 'node:fs';

const ARCH: Record<string, string> = { x64: 'x86_64', arm64: 'aarch64', ia32: 'x86' };

/** The distribution from /etc/os-release (`Debian 12`), else the kernel (`Linux 6.1.0`). */
function osLabel(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const field = (name: string) => new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm').exec(text)?.[1]?.trim();
    const name = field('NAME')?.split(' ')[0];
    if (name) return [name, field('VERSION_ID')].filter(Boolean).join(' ');
  } catch {
    // not Linux, or no os-release
  }
  const os = process.getBuiltinModule('node:os'); // loaded on use: the module is in every command's bundle
  return `${os.type()} ${os.release()}`;
}

/** Printable ASCII only: the parts come from the client and the environment. */
const clean = (text: string) => text.replace(/[^\x20-\x7e]/g, '').slice(0, 100);

export function userAgent(client: { name: string; version: string }, codexVersion: string, env: NodeJS.ProcessEnv): string {
  const terminal = env.TERM_PROGRAM || env.TERM || 'unknown';
  const name = clean(client.name);
  return `${name}/${codexVersion} (${osLabel()}; ${ARCH[process.arch] ?? process.arch}) ${clean(terminal)} (${name}; ${clean(client.version)})`;
}
