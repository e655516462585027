import { describe, expect, it } from 'vitest';
import { actionOf } from '../../components/input/keymap.js';
import { createKeyReader, parseKeys, type Key } from '../../components/input/keys.js';

const names = (keys: Key[]) => keys.map((k) => (k.kind === 'key' ? k.name : `${k.kind}:${k.text}`));

describe('key reader', () => {
  it('splits one read into keys, in order', () => {
    expect(names(parseKeys('3\r'))).toEqual(['char:3', 'enter']);
    expect(names(parseKeys('/help\r'))).toEqual(['char:/', 'char:h', 'char:e', 'char:l', 'char:p', 'enter']);
    expect(names(parseKeys('\x1b[B\r'))).toEqual(['down', 'enter']);
    expect(names(parseKeys('ab\x7f\x7fc'))).toEqual(['char:a', 'char:b', 'backspace', 'backspace', 'char:c']);
    expect(names(parseKeys('x\r\ny'))).toEqual(['char:x', 'enter', 'char:y']); // CR LF is one Enter
  });

  it('Esc then Ctrl+C in one read are two keys, and Ctrl+C means quit', () => {
    const keys = parseKeys('\x1b\x03');
    expect(names(keys)).toEqual(['escape', 'ctrl+c']);
    expect(keys.map(actionOf)).toEqual(['cancel', 'quit']);
    expect(names(parseKeys('\x1b'))).toEqual(['escape']);
    expect(names(parseKeys('\x1b\x1b[A'))).toEqual(['escape', 'up']);
  });

  it.each([
    ['\x1b[A', 'up'], ['\x1b[B', 'down'], ['\x1b[C', 'right'], ['\x1b[D', 'left'],
    ['\x1bOA', 'up'], ['\x1bOB', 'down'], ['\x1bOC', 'right'], ['\x1bOD', 'left'],
    ['\x1b[H', 'home'], ['\x1b[F', 'end'], ['\x1bOH', 'home'], ['\x1bOF', 'end'],
    ['\x1b[1~', 'home'], ['\x1b[4~', 'end'], ['\x1b[7~', 'home'], ['\x1b[8~', 'end'],
    ['\x1b[3~', 'delete'], ['\x1b[5~', 'pageUp'], ['\x1b[6~', 'pageDown'], ['\x1b[Z', 'shift+tab'],
    ['\x1b\x7f', 'meta+backspace'], ['\x1b[1;5D', 'ctrl+left'], ['\x1bb', 'meta+b'],
    ['\x01', 'ctrl+a'], ['\x05', 'ctrl+e'], ['\x15', 'ctrl+u'], ['\x0b', 'ctrl+k'], ['\x17', 'ctrl+w'], ['\t', 'tab'],
  ])('%j is %s', (sequence, name) => {
    expect(names(parseKeys(sequence))).toEqual([name]);
  });

  it('the table gives every editing key its meaning', () => {
    const meaning = (s: string) => parseKeys(s).map(actionOf)[0];
    expect(meaning('\x1b[3~')).toBe('deleteForward');
    expect(meaning('\x7f')).toBe('backspace');
    expect(meaning('\x01')).toBe('home');
    expect(meaning('\x05')).toBe('end');
    expect(meaning('\x1b[H')).toBe('home');
    expect(meaning('\x1b[F')).toBe('end');
    expect(meaning('\x15')).toBe('killToStart');
    expect(meaning('\x0b')).toBe('killToEnd');
    expect(meaning('\x17')).toBe('killSpaceWordBack');
    expect(meaning('\x1b\x7f')).toBe('killWordBack');
    expect(meaning('\r')).toBe('submit');
    expect(meaning('\x1b')).toBe('cancel');
    expect(meaning('\x04')).toBe('quit');
    expect(meaning('q')).toBeNull();
  });

  it('the scroll keys as terminals send them: PgUp/PgDn, arrows (CSI and SS3), Home/End (every variant)', () => {
    const meaning = (s: string) => parseKeys(s).map(actionOf)[0];
    expect(meaning('\x1b[5~')).toBe('pageUp');
    expect(meaning('\x1b[6~')).toBe('pageDown');
    for (const up of ['\x1b[A', '\x1bOA']) expect(meaning(up)).toBe('up');
    for (const down of ['\x1b[B', '\x1bOB']) expect(meaning(down)).toBe('down');
    for (const home of ['\x1b[H', '\x1bOH', '\x1b[1~', '\x1b[7~']) expect(meaning(home)).toBe('home');
    for (const end of ['\x1b[F', '\x1bOF', '\x1b[4~', '\x1b[8~']) expect(meaning(end)).toBe('end');
  });

  it('a bracketed paste is one event, even split across reads (inside its markers too)', () => {
    expect(names(parseKeys('\x1b[200~sk-abc\r\n\x1b[201~\r'))).toEqual(['paste:sk-abc\r\n', 'enter']);
    const reader = createKeyReader();
    const keys = [
      ...reader.push('a\x1b[20'),
      ...reader.push('0~first half '),
      ...reader.push('\x1b[A still pasted \x1b[2'),
      ...reader.push('01'),
      ...reader.push('~b'),
    ];
    expect(names(keys)).toEqual(['char:a', 'paste:first half \x1b[A still pasted ', 'char:b']);
  });

  it('an unfinished sequence waits for the next read; flush() ends it', () => {
    const reader = createKeyReader();
    expect(reader.push('x\x1b')).toEqual([{ kind: 'char', text: 'x' }]);
    expect(names(reader.push('[B'))).toEqual(['down']);
    expect(reader.push('\x1b')).toEqual([]);
    expect(names(reader.flush())).toEqual(['escape']);
  });

  it('a paste whose end never comes is delivered by endPaste()', () => {
    const reader = createKeyReader();
    expect(reader.push('\x1b[200~abc')).toEqual([]);
    expect(reader.pasting).toBe(true);
    expect(reader.flush()).toEqual([]);
    expect(names(reader.endPaste())).toEqual(['paste:abc']);
    expect(names(reader.push('\r'))).toEqual(['enter']);
  });

  it('characters outside the BMP stay whole', () => {
    expect(names(parseKeys('a😀b'))).toEqual(['char:a', 'char:😀', 'char:b']);
  });
});
