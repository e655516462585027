// One `codex` process of the race tests, wired exactly as the CLI wires the AuthManager
// (CODEX_HOME, file store, one HTTP client, endpoints from the environment). It asks for a token
// (refreshing when expired), proves it works against the backend, and prints one JSON line
// without any secret in it.
import { AuthManager } from '../../src/auth/AuthManager.js';
import { resolveEndpoints } from '../../src/auth/endpoints.js';
import { resolveCodexHome } from '../../src/config/codexHome.js';
import { createHttpClient } from '../../src/http/client.js';
import { createCredentialStore } from '../../src/storage/createCredentialStore.js';

const started = Date.now();
const env = process.env;
const auth = new AuthManager({
  store: createCredentialStore({ codexHome: resolveCodexHome(env).path, mode: 'file' }),
  http: createHttpClient({ env }),
  endpoints: resolveEndpoints(env),
});
try {
  await auth.start();
  const usage = await auth.fetchWithAuth(`${env.RACE_BACKEND_URL}wham/usage`);
  const snapshot = auth.snapshot();
  process.stdout.write(
    `${JSON.stringify({
      ok: usage.status === 200,
      status: usage.status,
      signedIn: snapshot.status === 'signedIn',
      refreshFailure: snapshot.refreshFailure,
      notices: snapshot.notices.map((n) => n.kind),
      ms: Date.now() - started,
    })}\n`,
  );
} catch (error) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: (error as Error).message, ms: Date.now() - started })}\n`);
}
