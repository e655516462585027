// Help texts. Kept as data so the tests can check that every command and flag is documented.
import type { HelpTopic } from './args.js';

const OPTIONS = `Options:
  -c, --config <key=value>  Override a config.toml setting for this run (value parsed as TOML,
                            dotted keys allowed), e.g. -c cli_auth_credentials_store=keyring
  -h, --help                Print help
  -V, --version             Print version`;

export const HELP: Record<HelpTopic, string> = {
  codex: `Sign in to OpenAI Codex from the terminal, and stay signed in.

Usage: codex [OPTIONS] [COMMAND]

Without a command, codex opens its interactive screen (needs a terminal).

Commands:
  login         Manage login (browser, device code or API key)
  login status  Show login status
  logout        Remove stored authentication credentials
  app-server    Serve the account API as JSON-RPC on stdin/stdout (for editors and apps)
  help          Print this message or the help of the given command

${OPTIONS}

Environment:
  CODEX_HOME    Folder of auth.json and config.toml (default ~/.codex; must exist when set)`,

  login: `Manage login.

Usage: codex login [OPTIONS]
       codex login status [--json]

Without options, signs in with ChatGPT in your browser (a local callback server on port 1455).

Options:
      --with-api-key    Read an OpenAI API key from stdin, e.g.
                        printenv OPENAI_API_KEY | codex login --with-api-key
      --device-auth     Sign in with ChatGPT using a one-time code (remote or headless machines)
      --paste-callback  Browser sign-in that also accepts the address the browser ended on, pasted on
                        stdin (when the browser cannot reach this machine's localhost)
${OPTIONS.replace('Options:\n', '')}`,

  'login status': `Show login status.

Usage: codex login status [--json]

Prints how you are signed in (API key or ChatGPT account, email and plan) and where the credential is
stored, refreshing an expired ChatGPT access token first. Exit status: 0 signed in, 1 not signed in
or the credentials cannot be used.

Options:
      --json  Print one JSON object on stdout (fields: schemaVersion, loggedIn, authMode, email, plan,
              planName, accountId, apiKey (masked), storage {mode, location}, accessTokenExpiresAt,
              lastRefresh, refreshError, lock {kind: flock|lockfile, files, sharedWithCodexCli,
              fallbackReason}, warnings, error)
${OPTIONS.replace('Options:\n', '')}`,

  logout: `Remove stored authentication credentials.

Usage: codex logout [OPTIONS]

Revokes the ChatGPT refresh token (best effort) and removes the credentials from every store:
auth.json, the OS keyring entry and this process's memory.

${OPTIONS}`,

  'app-server': `Serve the account API as JSON-RPC on stdin/stdout.

Usage: codex app-server [OPTIONS]

One JSON message per line, without the "jsonrpc" member, as the Codex CLI's app-server speaks:
send initialize, then the initialized notification, then account/read, account/login/start,
account/login/cancel, account/logout, account/rateLimits/read (or the older getAuthStatus).
Only protocol messages are written to stdout; diagnostics go to stderr. Exits 0 when stdin closes.

${OPTIONS}`,
};
