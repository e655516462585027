// Is a Secret Service reachable from this test process? scripts/test.sh (`npm test`) starts one and
// sets CODEX_TEST_SECRET_SERVICE=1, and then it must be: a broken setup fails instead of skipping.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOsKeyring } from '../../src/storage/keyringStorage.js';
import { TEST_KEYRING_TIMEOUT_MS } from './runCodex.js';

/** The real keyring for a test's CODEX_HOME, with the tests' timeout (see TEST_KEYRING_TIMEOUT_MS). */
export const testKeyring = (codexHome: string) => createOsKeyring(codexHome, { timeoutMs: TEST_KEYRING_TIMEOUT_MS });

async function probe(): Promise<string | null> {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) return 'DBUS_SESSION_BUS_ADDRESS is not set (no D-Bus session)';
  try {
    await testKeyring(join(tmpdir(), 'codex-keyring-probe')).get();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Null when usable; otherwise the reason, after printing a loud skip notice. */
export async function secretServiceUnavailable(what: string): Promise<string | null> {
  const reason = await probe();
  if (!reason) return null;
  if (process.env.CODEX_TEST_SECRET_SERVICE === '1') throw new Error(`npm test needs a Secret Service, but it is unusable: ${reason}`);
  console.warn(`\n!!! SKIPPING ${what}: ${reason}.\n!!! Run them with \`npm test\` (scripts/test.sh starts gnome-keyring on a private D-Bus).\n`);
  return reason;
}
