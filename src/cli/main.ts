// Entry point (bundled to dist/main.cjs, run by bin/codex): runs the command, flushes the
// streams, exits with its code. Exiting explicitly matters: an idle keep-alive socket or helper
// process must never keep a finished command alive.
import { fdWriter } from './output.js';
import { run } from './run.js';

const flush = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));

let streamsUsed = false;

async function main(): Promise<void> {
  // Should the event loop ever drain before a command settles, that is a failure, not a success.
  process.exitCode = 1;
  let code: number;
  try {
    const io = {
      // Getters: touching a process stream sets it up, which only reading stdin, Ink and the
      // interactive flows need.
      get stdin() {
        return process.stdin;
      },
      stdout: fdWriter(1, () => process.stdout),
      stderr: fdWriter(2, () => process.stderr),
      env: process.env,
      streams: () => {
        streamsUsed = true;
        return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
      },
    };
    code = await run(process.argv.slice(2), io);
  } catch (error) {
    // Messages of our own errors never carry secrets; a stack trace is not useful to the person.
    fdWriter(2, () => process.stderr).write(`codex: ${error instanceof Error ? error.message : String(error)}\n`);
    code = 1;
  }
  if (streamsUsed) await Promise.all([flush(process.stdout), flush(process.stderr)]);
  process.exit(code);
}

void main();
