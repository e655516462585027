// The interactive entry, loaded lazily by src/cli/main.ts only when stdin and stdout are TTYs.
// Renders <App/>, starts the AuthManager (with watching), waits for the app to exit and always
// unmounts and disposes, so the terminal leaves raw mode whatever happened.
import { render } from 'ink';
import { App } from './App.js';
import { ServicesProvider, type AppServices } from '../components/services.js';
import { terminalOutput } from './terminalOutput.js';

export type { AppServices } from '../components/services.js';

/**
 * Ink's frame throttle. Its default, 30, made every key typed within 33 ms of the last frame wait
 * for the end of that window (input latency ~36 ms median); at 120 it is ~8 ms. A calm screen draws
 * no more than before: the throttle only merges frames, and a paste is one frame (the Keyboard
 * applies a chunk's keys at once), so bytes per key are unchanged.
 */
const MAX_FPS = 120;

export async function runInteractive(services: AppServices): Promise<number> {
  // TERM=dumb / CODEX_REDUCED_MOTION=1: plain lines, no cursor movement; a non-UTF-8 locale: ASCII only.
  const output = terminalOutput(process.stdout, services.env);
  // Raw mode before the first frame is written (Ink's, in the KeyboardProvider's layout effect,
  // comes just after it): a Ctrl+C typed the instant the screen appears is then a key (quit, exit
  // 0), never a SIGINT from a terminal still in cooked mode. Ink leaves raw mode on unmount.
  const rawEarly = process.stdin.isTTY === true;
  if (rawEarly) process.stdin.setRawMode(true);
  let instance: ReturnType<typeof render> | undefined;
  try {
    instance = render(
      <ServicesProvider services={services}>
        <App />
      </ServicesProvider>,
      { exitOnCtrlC: false, patchConsole: false, maxFps: MAX_FPS, ...(output.stdout === process.stdout ? {} : { stdout: output.stdout, debug: output.plain }) },
    );
    // A failed first load is shown by the screens (snapshot.loadError); nothing to do here.
    void services.auth.start({ watch: true }).catch(() => undefined);
    const result = await instance.waitUntilExit();
    return typeof result === 'number' ? result : 0;
  } catch (error) {
    process.stderr.write(`codex: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    // A render that threw left no instance, and raw mode still on: the terminal is restored either way.
    instance?.unmount();
    instance?.cleanup();
    if (rawEarly) process.stdin.setRawMode(false);
    services.auth.dispose();
  }
}
