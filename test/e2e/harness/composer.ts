// Typing into the home screen's composer the way a person does: one key, then a look at the
// screen to see it echoed, then the next key. Enter runs the line.
import { KEYS, REACTION_MS, sleep, type PtySession } from '../../support/pty.js';

const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Types `text` key by key, each echoed on the composer line (`> text`), then presses Enter. */
export async function runInComposer(codex: PtySession, text: string): Promise<void> {
  for (let i = 1; i <= text.length; i++) {
    codex.write(text[i - 1]!);
    // The composer line alone: the palette's highlighted row also starts with `> /…` but goes on.
    await codex.waitFor(new RegExp(`^> ${escapeRe(text.slice(0, i))}\\s*$`, 'm'));
  }
  await sleep(REACTION_MS);
  codex.write(KEYS.enter);
}
