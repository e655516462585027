// A real browser for the sign-in step: a small BROWSER script (written into the test's temp folder)
// runs headless Chromium on the URL codex opens. Chromium follows the authority's 302 to the local
// callback and on to /success, and its final DOM is written to a file the test reads. Loopback only:
// every other host name fails to resolve.
// Chromium is CODEX_E2E_CHROMIUM when set (scripts/test.sh exports the one it found or installed),
// else `chromium` or `chromium-browser` on PATH. Without it the browser tests skip, saying why.
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { sleep } from './pty.js';

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

function findChromium(): { path: string | null; missing: string | null } {
  const chosen = process.env.CODEX_E2E_CHROMIUM && resolve(process.env.CODEX_E2E_CHROMIUM);
  if (chosen) return executable(chosen) ? { path: chosen, missing: null } : { path: null, missing: `CODEX_E2E_CHROMIUM=${chosen} is not an executable file` };
  for (const name of ['chromium', 'chromium-browser']) {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      if (dir && executable(join(dir, name))) return { path: join(dir, name), missing: null };
    }
  }
  return { path: null, missing: 'Chromium was not found (no chromium or chromium-browser on PATH, CODEX_E2E_CHROMIUM unset)' };
}

const found = findChromium();
export const CHROMIUM = found.path;

/** Null when Chromium is there; otherwise the reason, after printing a loud skip notice. */
export function chromiumUnavailable(what: string): string | null {
  if (!found.missing) return null;
  console.warn(`\n!!! SKIPPING ${what}: ${found.missing}.\n!!! \`npm test\` installs it (apt-get install chromium), or set CODEX_E2E_CHROMIUM to a Chromium binary.\n`);
  return found.missing;
}

export interface HeadlessBrowser {
  /** The value for BROWSER. */
  command: string;
  /** The DOMs Chromium dumped so far, oldest first. */
  doms(): string[];
  /** Waits for the next dumped DOM (the `index`-th, from 0). */
  waitForDom(index?: number, timeoutMs?: number): Promise<string>;
  /** Kills any Chromium still running (its whole process group). */
  close(): Promise<void>;
}

const script = (dir: string) => `#!/bin/sh
# BROWSER for the e2e tests: headless Chromium, DOM dumped to ${dir}/dom-<n>.html
echo $$ >> "${dir}/pids"
n=$(ls "${dir}" | grep -c '^profile-')
profile="${dir}/profile-$n"
mkdir -p "$profile"
# At most 55 s (a cold start on a busy machine takes many seconds; the test waits 60 s). Off the
# test session's D-Bus and keyring, which the keyring tests use at the same time.
env -u DBUS_SESSION_BUS_ADDRESS timeout -k 2 55 "${CHROMIUM}" --headless --password-store=basic --no-sandbox --disable-gpu --disable-quic --no-first-run \\
  --disable-background-networking --disable-component-update --disable-sync --disable-extensions \\
  --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1" \\
  --user-data-dir="$profile" --dump-dom "$1" > "${dir}/dom-$n.part" 2> "${dir}/chromium-$n.log"
mv "${dir}/dom-$n.part" "${dir}/dom-$n.html"
`;

export function headlessBrowser(dir: string): HeadlessBrowser {
  if (!CHROMIUM) throw new Error(`Chromium is needed for this test: ${found.missing} (skip with chromiumUnavailable()).`);
  const command = join(dir, 'headless-browser.sh');
  writeFileSync(command, script(dir), { mode: 0o755 });
  const doms = () =>
    readdirSync(dir)
      .filter((name) => /^dom-\d+\.html$/.test(name))
      .sort((a, b) => Number(a.slice(4, -5)) - Number(b.slice(4, -5)))
      .map((name) => readFileSync(join(dir, name), 'utf8'));
  return {
    command,
    doms,
    async waitForDom(index = 0, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const all = doms();
        if (all.length > index) return all[index]!;
        if (Date.now() > deadline) {
          const logs = readdirSync(dir).filter((name) => name.startsWith('chromium-')).map((name) => readFileSync(join(dir, name), 'utf8').slice(-2000));
          const started = existsSync(join(dir, 'pids')) ? 'Chromium was started' : 'codex never ran the BROWSER command';
          throw new Error(`No DOM from Chromium within ${timeoutMs} ms (${started}).\n${logs.join('\n')}`);
        }
        await sleep(50);
      }
    },
    async close() {
      const pidsFile = join(dir, 'pids');
      if (!existsSync(pidsFile)) return;
      const groups = readFileSync(pidsFile, 'utf8').split('\n').map(Number).filter((p) => p > 0);
      // codex starts BROWSER detached: the script leads its own process group, Chromium included.
      const signal = (pid: number, sig: NodeJS.Signals | 0) => {
        try {
          process.kill(-pid, sig);
          return true;
        } catch {
          return false; // the group is gone
        }
      };
      for (const pid of groups) signal(pid, 'SIGKILL');
      const deadline = Date.now() + 3_000;
      while (groups.some((pid) => signal(pid, 0)) && Date.now() < deadline) await sleep(50);
    },
  };
}
