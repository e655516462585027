import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { asciiOnly, reducedMotion, themeFromEnv } from '../../components/theme.js';
import { createLineAppender, createReflowEraser, keepScrollback, plainOutput, terminalOutput, toAscii } from '../../screens/terminalOutput.js';
import { frameUpdate } from '../../screens/frameDiff.js';
import { VirtualTerminal } from '../e2e/harness/virtualTerminal.js';

describe('motion and locale from the environment', () => {
  it('TERM=dumb, NO_COLOR and CODEX_REDUCED_MOTION=1 stop the spinner; only the first two drop colour', () => {
    for (const env of [{ TERM: 'dumb' }, { NO_COLOR: '1' }, { CODEX_REDUCED_MOTION: '1' }]) expect(reducedMotion(env), JSON.stringify(env)).toBe(true);
    expect(reducedMotion({ TERM: 'xterm-256color', NO_COLOR: '' })).toBe(false);
    expect(themeFromEnv({ CODEX_REDUCED_MOTION: '1' })).toMatchObject({ motion: false, noColor: false });
    expect(themeFromEnv({})).toMatchObject({ motion: true, noColor: false, ascii: false });
  });

  it('a locale without UTF-8 means ASCII; LC_ALL wins over LC_CTYPE over LANG', () => {
    expect(asciiOnly({ LANG: 'C' })).toBe(true);
    expect(asciiOnly({ LANG: 'en_US.ISO-8859-1' })).toBe(true);
    expect(asciiOnly({ LANG: 'C.UTF-8' })).toBe(false);
    expect(asciiOnly({ LANG: 'en_US.utf8' })).toBe(false);
    expect(asciiOnly({ LANG: 'en_US.UTF-8', LC_ALL: 'POSIX' })).toBe(true);
    expect(asciiOnly({ LANG: 'C', LC_CTYPE: 'en_US.UTF-8' })).toBe(false);
    expect(asciiOnly({})).toBe(false);
  });

  it('only TERM=dumb and CODEX_REDUCED_MOTION=1 turn off redrawing in place', () => {
    expect(plainOutput({ TERM: 'dumb' })).toBe(true);
    expect(plainOutput({ CODEX_REDUCED_MOTION: '1' })).toBe(true);
    expect(plainOutput({ NO_COLOR: '1' })).toBe(false);
  });
});

describe('terminal output', () => {
  it('ASCII glyphs keep their width', () => {
    expect(toAscii('Waiting… ✓ ✗ • [██░░] ↑↓ Settings → Security · ⠋')).toBe('Waiting. v x * [##--] ^v Settings > Security - -');
    expect(toAscii('plain')).toBe('plain');
  });

  it('plain lines: each new line once, nothing for a frame already shown, no escapes', () => {
    const append = createLineAppender();
    expect(append('\x1b[1mTitle\x1b[22m\nWaiting 10 min left\nkeys')).toBe('Title\nWaiting 10 min left\nkeys\n');
    expect(append('Title\nWaiting 10 min left\nkeys')).toBe('');
    expect(append('Link\nhttps://x\n\n')).toBe('Link\nhttps://x\n');
    expect(append('Title\nWaiting 10 min left\nkeys')).toBe(''); // the frame again after the printed link
    expect(append('Title\nWaiting 9 min left\nkeys')).toBe('Waiting 9 min left\n');
  });

  it('the terminal stream is used untouched unless plain or ASCII output is needed', () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream;
    expect(terminalOutput(stream, { LANG: 'C.UTF-8' }).stdout).toBe(stream);
    const out = terminalOutput(stream, { LANG: 'C', TERM: 'dumb' });
    expect(out.plain).toBe(true);
    let written = '';
    (stream as unknown as PassThrough).on('data', (chunk: Buffer) => (written += chunk.toString()));
    out.stdout.write('\x1b[2K\x1b[1A✓ Signed in');
    expect(written).toBe('v Signed in\n');
  });
});

describe('the scrollback is never erased', () => {
  it("Ink's clear of the terminal (ESC[2J ESC[3J ESC[H) clears the screen only", () => {
    expect(keepScrollback('\x1b[?2026h\x1b[2J\x1b[3J\x1b[Hframe')).toBe('\x1b[?2026h\x1b[2J\x1b[Hframe');
    expect(keepScrollback('plain')).toBe('plain');
  });

  it('through the stream a terminal gets', () => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
    Object.assign(stream, { isTTY: true, columns: 40, rows: 7 });
    let written = '';
    stream.on('data', (chunk: Buffer) => (written += chunk.toString()));
    terminalOutput(stream, { LANG: 'C.UTF-8' }).stdout.write('\x1b[2J\x1b[3J\x1b[Hframe\n');
    expect(written).toBe('\x1b[2J\x1b[Hframe\n');
  });
});

describe('erasing a frame the terminal shows on more rows', () => {
  it('after narrowing, the erase covers the last frame as the terminal wraps it now', () => {
    const eraser = createReflowEraser(120);
    const erase = (n: number) => `${'\x1b[2K\x1b[1A'.repeat(n - 1)}\x1b[2K\x1b[G`;
    const frame = `${'x'.repeat(100)}\nshort\n`;
    expect(eraser.write(frame)).toBe(frame); // the first frame: nothing to erase
    eraser.resized(50);
    expect(eraser.write(erase(3))).toBe(erase(4)); // 100 columns take 2 rows at 50, + 'short' + the cursor line
    expect(eraser.write('a\n')).toBe('a\n');
    expect(eraser.write(`${erase(2)}b\n`)).toBe('\x1b[1A\x1b[2Kb\n'); // nothing reflowed since: the changed line only
  });

  it('wide characters (CJK) count two columns, as the terminal shows them', () => {
    const eraser = createReflowEraser(80);
    const erase = (n: number) => `${'\x1b[2K\x1b[1A'.repeat(n - 1)}\x1b[2K\x1b[G`;
    expect(eraser.write(`> ${'漢字'.repeat(18)}\nhints\n`)).toContain('漢'); // 74 columns: one row at 80
    eraser.resized(50);
    expect(eraser.write(erase(3))).toBe(erase(4)); // 74 columns take 2 rows at 50 (36 characters would say 1)
  });
});

describe('only the lines that changed are redrawn', () => {
  const erase = (n: number) => `${'\x1b[2K\x1b[1A'.repeat(n - 1)}\x1b[2K\x1b[G`;
  const title = 'Use your own OpenAI API key';
  const hints = 'enter check and save | tab show key | esc back';
  const frame = (field: string, extra: string[] = []) => [title, '', 'API key', `> ${field}`, ...extra, '', hints];

  it('a keystroke in a field is that one line, and the terminal shows exactly the new frame', () => {
    const eraser = createReflowEraser(100, 30);
    const term = new VirtualTerminal(100, 30);
    const draw = (lines: string[], previous: string[] | null) => {
      const text = `${previous ? erase(previous.length + 1) : ''}${lines.join('\n')}\n`;
      const out = eraser.write(text);
      term.write(out.replace(/\n/g, '\r\n')); // the pty's onlcr
      return out;
    };
    draw(frame('*** (1 char)'), null);
    const out = draw(frame('*** (2 chars)'), frame('*** (1 char)'));
    expect(out).toBe('\x1b[3A\x1b[2K> *** (2 chars)\n\x1b[2B'); // up to the field's row, the field, back down
    expect(term.text()).toBe(frame('*** (2 chars)').join('\n'));
    // A line more (an error under the field), then a line less: the frame as Ink drew it, each time.
    draw(frame('*** (2 chars)', ['API key cannot be empty']), frame('*** (2 chars)'));
    expect(term.text()).toBe(frame('*** (2 chars)', ['API key cannot be empty']).join('\n'));
    draw(frame('*** (3 chars)'), frame('*** (2 chars)', ['API key cannot be empty']));
    expect(term.text()).toBe(frame('*** (3 chars)').join('\n'));
  });

  it('from a prefix or to one, and nothing for an equal frame', () => {
    expect(frameUpdate(['a', 'b'], ['a', 'b'])).toBe('');
    expect(frameUpdate(['a', 'b', 'c'], ['a'])).toBe('\x1b[2A\x1b[J');
    expect(frameUpdate(['a'], ['a', 'b'])).toBe('\x1b[2Kb\n');
  });

  it('a frame after a resize, or one Ink erased on its own count, is written whole', () => {
    const eraser = createReflowEraser(100, 30);
    eraser.write('a\nb\n');
    expect(eraser.write(`${erase(4)}a\nc\n`)).toBe(`${erase(4)}a\nc\n`); // the erase is not of this frame
    // A frame as tall as the terminal (no line break after it), then a cleared screen: the next
    // erase, whatever its count, is not taken for one of the last frame known.
    eraser.write(`${erase(3)}x\ny`);
    expect(eraser.write(`${erase(3)}a\nz\n`)).toBe(`${erase(3)}a\nz\n`);
    eraser.write('\x1b[2J\x1b[3J\x1b[Hfull\nscreen');
    expect(eraser.write(`${erase(3)}a\nw\n`)).toBe(`${erase(3)}a\nw\n`);
    eraser.write(`${erase(3)}a\nd\n`);
    eraser.resized(100, 2); // the frame no longer fits above the cursor's row
    expect(eraser.write(`${erase(3)}a\ne\n`)).toBe(`${erase(3)}a\ne\n`);
  });
});
