// Splits what the terminal sends into keys, in order: printable characters one by one, control
// keys, CSI/SS3 escape sequences (arrows, Home/End, Delete, PgUp/PgDn, with modifiers), Alt+key,
// and a bracketed paste (ESC[200~ … ESC[201~) as ONE paste event even when it spans many reads.
// Pure: a reader keeps only what an unfinished sequence or paste needs between chunks.

export type Key =
  /** One printable character (a code point). */
  | { kind: 'char'; text: string }
  /** A bracketed paste, whole. */
  | { kind: 'paste'; text: string }
  /** A named key: `enter`, `escape`, `tab`, `backspace`, `delete`, `up`, `home`, `ctrl+a`, `meta+backspace`, `shift+tab`, `meta+x`… */
  | { kind: 'key'; name: string };

const ESC = '\x1b';
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';
/** A paste that never ends (a terminal that lost the marker) is delivered at this size rather than held. */
const MAX_PASTE = 1 << 20;

const CSI_FINAL: Record<string, string> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'shift+tab', E: 'begin' };
const TILDE: Record<string, string> = { '1': 'home', '7': 'home', '4': 'end', '8': 'end', '2': 'insert', '3': 'delete', '5': 'pageUp', '6': 'pageDown' };
const SS3_FINAL: Record<string, string> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', M: 'enter', P: 'f1', Q: 'f2', R: 'f3', S: 'f4' };

const key = (name: string): Key => ({ kind: 'key', name });

/** `ESC [ 1 ; 5 C`: modifier 5 = 1 + ctrl(4). Shift is dropped except where it names a key. */
function withModifiers(name: string, modifier: number | undefined): string {
  if (!modifier || modifier <= 1) return name;
  const bits = modifier - 1;
  const prefix = `${bits & 4 ? 'ctrl+' : ''}${bits & 2 || bits & 8 ? 'meta+' : ''}`;
  return `${prefix}${name}`;
}

/** One control character (C0 or DEL) as a key. */
function controlKey(char: string): Key {
  const code = char.charCodeAt(0);
  if (char === '\r' || char === '\n') return key('enter');
  if (char === '\t') return key('tab');
  if (code === 0x7f || code === 0x08) return key('backspace');
  if (code === 0) return key('ctrl+space');
  if (code >= 1 && code <= 26) return key(`ctrl+${String.fromCharCode(code + 96)}`);
  return key('unknown');
}

type Parsed = { keys: Key[]; next: number } | 'pending';

/** Parses the escape sequence at `at` (input[at] is ESC). `final`: nothing more will follow this chunk. */
function parseEscape(input: string, at: number, final: boolean): Parsed {
  const next = input[at + 1];
  if (next === undefined) return final ? { keys: [key('escape')], next: at + 1 } : 'pending';
  if (next === '[') {
    let i = at + 2;
    const start = i;
    while (i < input.length && /[0-?]/.test(input[i]!)) i++;
    while (i < input.length && /[ -/]/.test(input[i]!)) i++;
    if (i >= input.length) return final ? { keys: [key('escape'), ...textKeys(input.slice(at + 1))], next: input.length } : 'pending';
    const finalByte = input[i]!;
    if (!/[@-~]/.test(finalByte)) return { keys: [key('escape')], next: at + 1 };
    const params = input.slice(start, i);
    const sequence = input.slice(at, i + 1);
    if (sequence === PASTE_START) return { keys: [key('paste-start')], next: i + 1 };
    if (sequence === PASTE_END) return { keys: [], next: i + 1 }; // a stray end marker: nothing
    const [first, modifier] = params.split(';').map((p) => (p === '' ? undefined : Number(p)));
    const name = finalByte === '~' ? TILDE[String(first)] : CSI_FINAL[finalByte];
    return { keys: [key(name ? withModifiers(name, modifier) : 'unknown')], next: i + 1 };
  }
  if (next === 'O') {
    const finalByte = input[at + 2];
    if (finalByte === undefined) return final ? { keys: [key('meta+O')], next: at + 2 } : 'pending';
    return { keys: [key(SS3_FINAL[finalByte] ?? 'unknown')], next: at + 3 };
  }
  if (next === '\x7f' || next === '\b') return { keys: [key('meta+backspace')], next: at + 2 };
  if (next === ESC) return { keys: [key('escape')], next: at + 1 }; // ESC then whatever the second ESC starts
  const code = next.charCodeAt(0);
  // ESC followed by a control key (Esc then Ctrl+C in one read) is two keys, not Alt+Ctrl+C.
  if (code < 0x20) return { keys: [key('escape')], next: at + 1 };
  const char = String.fromCodePoint(input.codePointAt(at + 1)!);
  return { keys: [key(`meta+${char}`)], next: at + 1 + char.length };
}

/** Keys of text that holds no ESC. */
function textKeys(text: string): Key[] {
  const keys: Key[] = [];
  let previous = '';
  for (const char of text) {
    if (char === '\n' && previous === '\r') {
      previous = char;
      continue; // CR LF is one Enter
    }
    previous = char;
    const code = char.charCodeAt(0);
    keys.push(code < 0x20 || code === 0x7f ? controlKey(char) : { kind: 'char', text: char });
  }
  return keys;
}

export interface KeyReader {
  /** The keys `chunk` completes, in order. */
  push(chunk: string): Key[];
  /** Ends an unfinished escape sequence (a lone ESC is the Escape key). A paste stays open. */
  flush(): Key[];
  /** Delivers an unfinished paste as it is (its end marker never came). */
  endPaste(): Key[];
  /** True while a bracketed paste has started and not ended. */
  readonly pasting: boolean;
}

export function createKeyReader(): KeyReader {
  let pending = '';
  let paste: string | null = null;

  const run = (input: string, final: boolean): Key[] => {
    const keys: Key[] = [];
    let i = 0;
    pending = '';
    while (i < input.length) {
      if (paste !== null) {
        const end = input.indexOf(PASTE_END, i);
        if (end === -1) {
          // Keep back what could be the start of the end marker.
          let keep = 0;
          for (let n = Math.min(PASTE_END.length - 1, input.length - i); n > 0; n--) {
            if (PASTE_END.startsWith(input.slice(input.length - n))) {
              keep = n;
              break;
            }
          }
          paste += input.slice(i, input.length - keep);
          pending = input.slice(input.length - keep);
          if (paste.length >= MAX_PASTE) keys.push(...closePaste());
          return keys;
        }
        paste += input.slice(i, end);
        keys.push(...closePaste());
        i = end + PASTE_END.length;
        continue;
      }
      const escAt = input.indexOf(ESC, i);
      if (escAt === -1) {
        keys.push(...textKeys(input.slice(i)));
        break;
      }
      if (escAt > i) keys.push(...textKeys(input.slice(i, escAt)));
      const parsed = parseEscape(input, escAt, final);
      if (parsed === 'pending') {
        pending = input.slice(escAt);
        return keys;
      }
      for (const k of parsed.keys) {
        if (k.kind === 'key' && k.name === 'paste-start') paste = '';
        else keys.push(k);
      }
      i = parsed.next;
    }
    return keys;
  };

  const closePaste = (): Key[] => {
    const text = paste ?? '';
    paste = null;
    return text === '' ? [] : [{ kind: 'paste', text }];
  };

  return {
    push: (chunk) => run(pending + chunk, false),
    flush: () => (pending === '' || paste !== null ? [] : run(pending, true)),
    endPaste: () => {
      if (paste === null) return [];
      paste += pending;
      pending = '';
      return closePaste();
    },
    get pasting() {
      return paste !== null;
    },
  };
}

/** All keys of `input` as one complete read (tests, scripted input). */
export function parseKeys(input: string): Key[] {
  const reader = createKeyReader();
  return [...reader.push(input), ...reader.flush(), ...reader.endPaste()];
}
