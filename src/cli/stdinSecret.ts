// A secret piped to a command (`--with-api-key`, `--with-access-token`): never from a terminal, read
// whole, cleaned the one way keys are cleaned (src/auth/apiKeyInput.ts). Every refusal is printed here.
import { cleanApiKeyInput, type ApiKeyMessages } from '../auth/apiKeyInput.js';
import type { CliContext } from './context.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}

export interface StdinSecretWords {
  /** Printed (exit 1) when stdin is a terminal. */
  stdinIsTty: string;
  /** `Reading API key from stdin...` */
  reading: string;
  /** The cleaning's refusals, when not the API key's. */
  messages?: ApiKeyMessages;
}

/** The cleaned secret, or null after saying why there is none. */
export async function readStdinSecret(ctx: CliContext, words: StdinSecretWords): Promise<string | null> {
  const say = (line: string) => ctx.io.stderr.write(`${line}\n`);
  if (ctx.io.stdin.isTTY) {
    say(words.stdinIsTty);
    return null;
  }
  say(words.reading);
  let text: string;
  try {
    text = await readAll(ctx.io.stdin);
  } catch (error) {
    say(`Failed to read stdin: ${(error as Error).message}`);
    return null;
  }
  const cleaned = cleanApiKeyInput(text, words.messages);
  if (!cleaned.ok) {
    say(cleaned.message);
    return null;
  }
  return cleaned.key;
}
