// `codex login` (browser, with optional paste-back) and `codex login --device-auth`: plain
// text on the standard streams, exactly the real CLI's lines (§9 item 6, §4), no Ink.
import { CHATGPT_LOGIN_DISABLED } from '../../auth/loginPolicy.js';
import { createInterface } from 'node:readline';
import { callbackRedirectUri } from '../../oauth/authorizeUrl.js';
import { DEVICE_CODE_WARNING } from '../../oauth/loginWords.js';
import type { DeviceLoginAttempt } from '../../oauth/types.js';
import { LoginError } from '../../oauth/types.js';
import type { LoginService } from '../../auth/loginService.js';

/** What these commands need from src/cli/context.ts. */
export interface LoginCliContext {
  login: Pick<LoginService, 'forcedLoginMethod' | 'startBrowserLogin' | 'startDeviceLogin' | 'openUrl'>;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** Shown in the device code prompt: `Welcome to Codex [v<version>]`. */
  version: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs a sign-in and says how it ended, in the real CLI's words; the exit code. */
async function reportLogin(ctx: LoginCliContext, signIn: () => Promise<void>): Promise<number> {
  try {
    await signIn();
    ctx.stderr.write('Successfully logged in\n');
    return 0;
  } catch (error) {
    ctx.stderr.write(`Error logging in: ${message(error)}\n`);
    return 1;
  }
}

export function browserLoginText(port: number, authUrl: string): string {
  return (
    `Starting local login server on http://localhost:${port}.\n` +
    'If your browser did not open, navigate to this URL to authenticate:\n\n' +
    `${authUrl}\n\n` +
    'On a remote or headless machine? Use `codex login --device-auth` instead.\n'
  );
}

/** Reads pasted callback URLs, one per line, until the attempt ends. */
function readPastedCallbacks(ctx: LoginCliContext, submit: (url: string) => Promise<void>): () => void {
  const lines = createInterface({ input: ctx.stdin, terminal: false });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    submit(line).catch((error: unknown) => {
      // Errors that end the attempt are printed once, from `done`; the rest let the person retry.
      if (error instanceof LoginError && ['state_mismatch', 'invalid_callback_url'].includes(error.code)) {
        ctx.stderr.write(`${error.message}\n`);
      }
    });
  });
  return () => {
    lines.close();
    (ctx.stdin as NodeJS.ReadableStream & { pause?: () => void }).pause?.();
  };
}

export async function runBrowserLogin(ctx: LoginCliContext, options: { pasteCallback?: boolean } = {}): Promise<number> {
  if (ctx.login.forcedLoginMethod === 'api') {
    ctx.stderr.write(`${CHATGPT_LOGIN_DISABLED}\n`);
    return 1;
  }
  const reading: { stop?: () => void } = {};
  const code = await reportLogin(ctx, async () => {
    const attempt = await ctx.login.startBrowserLogin({ openBrowser: false });
    ctx.stderr.write(browserLoginText(attempt.port, attempt.authUrl));
    if (options.pasteCallback) {
      ctx.stderr.write(`\nOr paste the address your browser ended on (${callbackRedirectUri(attempt.port)}?code=…) and press Enter.\n`);
      reading.stop = readPastedCallbacks(ctx, (url) => attempt.submitCallbackUrl(url));
    }
    // The opener is watched alongside the sign-in, not before it: a fast browser can finish the
    // sign-in while we are still checking that the opener started.
    void ctx.login.openUrl(attempt.authUrl).then((opened) => {
      if (!opened.opened && opened.via !== 'none' && opened.error) {
        ctx.stderr.write(`Could not open a browser (${opened.error}); open the URL above yourself.\n`);
      }
    });
    await attempt.done;
  });
  reading.stop?.();
  return code;
}

export function deviceCodePrompt(version: string, attempt: Pick<DeviceLoginAttempt, 'verificationUrl' | 'userCode'>, color: boolean): string {
  const gray = (text: string) => (color ? `\x1b[90m${text}\x1b[0m` : text);
  const blue = (text: string) => (color ? `\x1b[94m${text}\x1b[0m` : text);
  return (
    `\nWelcome to Codex [v${gray(version)}]\n${gray("OpenAI's command-line coding agent")}\n\n` +
    'Follow these steps to sign in with ChatGPT using device code authorization:\n\n' +
    `1. Open this link in your browser and sign in to your account\n   ${blue(attempt.verificationUrl)}\n\n` +
    `2. Enter this one-time code ${gray('(expires in 15 minutes)')}\n   ${blue(attempt.userCode)}\n\n` +
    `${gray(DEVICE_CODE_WARNING)}\n`
  );
}

export async function runDeviceLogin(ctx: LoginCliContext): Promise<number> {
  if (ctx.login.forcedLoginMethod === 'api') {
    ctx.stderr.write(`${CHATGPT_LOGIN_DISABLED}\n`);
    return 1;
  }
  return reportLogin(ctx, async () => {
    const attempt = await ctx.login.startDeviceLogin();
    const color = Boolean(ctx.stdout.isTTY) && !ctx.env.NO_COLOR;
    ctx.stdout.write(deviceCodePrompt(ctx.version, attempt, color));
    await attempt.done;
  });
}
