// A repeated key in one JSON object. The real Codex CLI's serde refuses such an auth.json
// ("invalid credential JSON"); JSON.parse keeps the last value without a word, so that two CLIs
// would read two different credentials from one file. Run on text JSON.parse already accepted.

export interface DuplicateKey {
  /** The key as decoded (escapes resolved), never a value. */
  key: string;
  /** 1-based position of the second occurrence. */
  line: number;
  column: number;
}

export function findDuplicateKey(text: string): DuplicateKey | null {
  const stack: (Set<string> | null)[] = []; // one entry per open object (a Set) or array (null)
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      const keys = stack[stack.length - 1];
      if (expectKey && keys) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (keys.has(key)) return { key, ...position(text, start) };
        keys.add(key);
        expectKey = false;
      }
    } else if (ch === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (ch === '[') {
      stack.push(null);
      expectKey = false;
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      expectKey = false;
    } else if (ch === ',') {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
  }
  return null;
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
