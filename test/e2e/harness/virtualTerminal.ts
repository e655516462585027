// A tiny virtual terminal: enough of xterm to replay what Ink writes (text, CR/LF, deferred
// autowrap, cursor moves, line/screen erases, scrolling) into rows of characters, so tests read
// the screen a person would see. Colours and OSC sequences (hyperlinks) are dropped; the modes
// a program turns on and off (cursor visibility, bracketed paste, alternate screen) are tracked.
// Synchronized output (DEC mode 2026, which Ink brackets every frame with) is honoured as terminals
// do: between ESC[?2026h and ESC[?2026l the screen still shows the last complete frame, so a frame
// that reaches us in pieces (a busy machine preempts the writer mid-frame) is never read half drawn.

/** Columns a code point takes: 0 for combining marks, 2 for wide (CJK, emoji), else 1. */
export function charWidth(code: number): number {
  if (code < 0x300) return 1;
  if ((code >= 0x300 && code <= 0x36f) || code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0x1f300 && code <= 0x1faff)
  ) return 2;
  return 1;
}

/** A row's cells without its trailing blanks. */
function trimCells(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === ' ') end--;
  return cells.slice(0, end);
}

export class VirtualTerminal {
  private grid: string[][] = [];
  /** continues[r]: row r soft-wrapped into row r + 1 (what a resize reflows, as VTE, kitty or iTerm2 do). */
  private continues: boolean[] = [];
  /** Lines that scrolled off the top, oldest first. */
  readonly scrollback: string[] = [];
  row = 0;
  col = 0;
  /** xterm's deferred wrap: the last column was written; the next printable wraps first. */
  private pendingWrap = false;
  /** DEC private modes as last set (25 = cursor visible, 2004 = bracketed paste, 1049 = alt screen). */
  readonly modes = new Map<number, boolean>();
  /** How often the whole screen was cleared (ESC[2J): Ink does so when a frame is as tall as the terminal. */
  clears = 0;
  private pending = '';
  /** While a synchronized update is open: what the screen showed when it began. */
  private presented: { lines: string[]; scrollback: number } | null = null;

  constructor(
    public cols: number,
    public rows: number,
  ) {
    for (let r = 0; r < rows; r++) this.grid.push(this.blankRow());
    this.continues = new Array<boolean>(rows).fill(false);
  }

  /**
   * The window resized: the screen's lines are reflowed to the new width as most terminals do (a
   * soft-wrapped line rejoined and wrapped again; the cursor stays on its character), rows that no
   * longer fit scroll into the scrollback.
   */
  resize(cols: number, rows: number): void {
    const logical: { cells: string[]; cursorAt: number | null }[] = [];
    for (let r = 0; r < this.grid.length; r++) {
      const start = r === 0 || !this.continues[r - 1];
      if (start) logical.push({ cells: [], cursorAt: null });
      const line = logical.at(-1)!;
      if (r === this.row) line.cursorAt = line.cells.length + this.col;
      line.cells.push(...(this.continues[r] ? this.grid[r]! : trimCells(this.grid[r]!)));
    }
    const grid: string[][] = [];
    const continues: boolean[] = [];
    let cursor = { row: 0, col: 0 };
    for (const line of logical) {
      const count = Math.max(1, Math.ceil(line.cells.length / cols));
      for (let k = 0; k < count; k++) {
        const row = line.cells.slice(k * cols, (k + 1) * cols);
        grid.push([...row, ...new Array<string>(cols - row.length).fill(' ')]);
        continues.push(k < count - 1);
      }
      if (line.cursorAt !== null) {
        const at = grid.length - count + Math.min(count - 1, Math.floor(line.cursorAt / cols));
        cursor = { row: at, col: Math.min(cols - 1, line.cursorAt - (at - (grid.length - count)) * cols) };
      }
    }
    // Blank rows below the cursor go first; then the top rows scroll away.
    while (grid.length > rows && grid.length - 1 > cursor.row && grid.at(-1)!.every((c) => c === ' ')) {
      grid.pop();
      continues.pop();
    }
    while (grid.length > rows) {
      this.scrollback.push(grid.shift()!.join('').trimEnd());
      continues.shift();
      cursor.row--;
    }
    while (grid.length < rows) {
      grid.push(new Array<string>(cols).fill(' '));
      continues.push(false);
    }
    this.cols = cols;
    this.rows = rows;
    this.grid = grid;
    this.continues = continues;
    this.row = Math.max(0, cursor.row);
    this.col = cursor.col;
    this.pendingWrap = false;
  }

  private blankRow(): string[] {
    return new Array<string>(this.cols).fill(' ');
  }

  write(data: string): void {
    const text = this.pending + data;
    this.pending = '';
    let i = 0;
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '\x1b') {
        const consumed = this.escape(text, i);
        if (consumed === 0) {
          this.pending = text.slice(i); // an escape sequence split across chunks
          return;
        }
        i += consumed;
        continue;
      }
      const code = text.codePointAt(i)!;
      i += code > 0xffff ? 2 : 1;
      if (ch === '\r') this.carriageReturn();
      else if (ch === '\n' || ch === '\v' || ch === '\f') this.lineFeed();
      else if (ch === '\b') this.moveTo(this.row, this.col - 1);
      else if (ch === '\t') this.moveTo(this.row, Math.min(this.cols - 1, (Math.floor(this.col / 8) + 1) * 8));
      else if (code >= 0x20 && code !== 0x7f) this.print(String.fromCodePoint(code), charWidth(code));
    }
  }

  private carriageReturn(): void {
    this.col = 0;
    this.pendingWrap = false;
  }

  private lineFeed(): void {
    this.pendingWrap = false;
    this.continues[this.row] = false; // a line feed ends the line: it does not wrap into the next
    if (this.row === this.rows - 1) this.scrollUp();
    else this.row++;
  }

  private scrollUp(): void {
    this.scrollback.push(this.grid.shift()!.join('').trimEnd());
    this.grid.push(this.blankRow());
    this.continues.shift();
    this.continues.push(false);
  }

  private print(char: string, width: number): void {
    if (width === 0) return;
    if (this.pendingWrap || this.col + width > this.cols) {
      this.carriageReturn();
      this.lineFeed();
      this.continues[this.row - 1] = true; // the row above wrapped into this one
    }
    this.grid[this.row]![this.col] = char;
    if (width === 2 && this.col + 1 < this.cols) this.grid[this.row]![this.col + 1] = '';
    this.col += width;
    if (this.col >= this.cols) {
      this.col = this.cols - 1;
      this.pendingWrap = true;
    }
  }

  private moveTo(row: number, col: number): void {
    this.row = Math.max(0, Math.min(this.rows - 1, row));
    this.col = Math.max(0, Math.min(this.cols - 1, col));
    this.pendingWrap = false;
  }

  /** Handles the escape sequence at `start`; returns its length, or 0 when it is incomplete. */
  private escape(text: string, start: number): number {
    const next = text[start + 1];
    if (next === undefined) return 0;
    if (next === '[') {
      const match = /^\x1b\[([0-9;?>=<]*)([ -/]*)([@-~])/.exec(text.slice(start, start + 64));
      if (!match) return text.length - start > 63 ? 2 : 0;
      this.csi(match[1]!, match[3]!);
      return match[0].length;
    }
    if (next === ']' || next === 'P' || next === '_' || next === '^') {
      // OSC / DCS / APC / PM: up to BEL or ST. Content is not drawn.
      const rest = text.slice(start + 2);
      const bel = next === ']' ? rest.indexOf('\x07') : -1;
      const st = rest.indexOf('\x1b\\');
      const ends = [bel, st].filter((n) => n >= 0);
      if (ends.length === 0) return 0;
      const end = Math.min(...ends);
      return 2 + end + (end === st ? 2 : 1);
    }
    if (next === '(' || next === ')') return text.length - start >= 3 ? 3 : 0;
    if (next === 'c') {
      this.clearAll();
      this.moveTo(0, 0);
    }
    return 2; // ESC 7, ESC 8, ESC =, ESC > and friends: no effect on what is drawn here
  }

  private clearAll(): void {
    this.clears++;
    this.grid = this.grid.map(() => this.blankRow());
    this.continues = this.continues.map(() => false);
  }

  private csi(params: string, final: string): void {
    if (params.startsWith('?')) {
      if (final === 'h' || final === 'l') {
        for (const p of params.slice(1).split(';')) {
          this.modes.set(Number(p), final === 'h');
          if (Number(p) === 2026) {
            if (final === 'h') this.presented ??= { lines: this.liveLines(), scrollback: this.scrollback.length };
            else this.endSynchronizedUpdate();
          }
        }
      }
      return;
    }
    const nums = params.split(';').map((p) => (p === '' ? NaN : Number(p)));
    const n = (index: number, fallback: number) => (Number.isNaN(nums[index] ?? NaN) ? fallback : nums[index]!);
    const line = this.grid[this.row]!;
    switch (final) {
      case 'A': return this.moveTo(this.row - n(0, 1), this.col);
      case 'B': return this.moveTo(this.row + n(0, 1), this.col);
      case 'C': return this.moveTo(this.row, this.col + n(0, 1));
      case 'D': return this.moveTo(this.row, this.col - n(0, 1));
      case 'E': return this.moveTo(this.row + n(0, 1), 0);
      case 'F': return this.moveTo(this.row - n(0, 1), 0);
      case 'G': return this.moveTo(this.row, n(0, 1) - 1);
      case 'd': return this.moveTo(n(0, 1) - 1, this.col);
      case 'H':
      case 'f': return this.moveTo(n(0, 1) - 1, n(1, 1) - 1);
      case 'K': {
        const mode = n(0, 0);
        const [from, to] = mode === 0 ? [this.col, this.cols] : mode === 1 ? [0, this.col + 1] : [0, this.cols];
        for (let c = from; c < to; c++) line[c] = ' ';
        if (mode !== 1) this.continues[this.row] = false;
        return;
      }
      case 'J': {
        const mode = n(0, 0);
        if (mode === 2 || mode === 3) return this.clearAll();
        const rows = mode === 0 ? [this.row + 1, this.rows] : [0, this.row];
        for (let r = rows[0]!; r < rows[1]!; r++) {
          this.grid[r] = this.blankRow();
          this.continues[r] = false;
        }
        this.csi(String(mode), 'K');
        return;
      }
      case 'S': for (let k = 0; k < n(0, 1); k++) this.scrollUp(); return;
      default: return; // SGR (m) and the rest do not move text
    }
  }

  /** Shows what was drawn so far, as a terminal does when a synchronized update times out (the writer died). */
  endSynchronizedUpdate(): void {
    this.presented = null;
  }

  private liveLines(): string[] {
    return this.grid.map((row) => row.join('').trimEnd());
  }

  /** The visible rows, trailing spaces removed (the last complete frame while one is being drawn). */
  lines(): string[] {
    return this.presented ? [...this.presented.lines] : this.liveLines();
  }

  /** The visible screen as text, without trailing blank rows. */
  text(): string {
    return this.lines().join('\n').replace(/\n+$/, '');
  }

  /** Scrollback and screen together. */
  history(): string {
    const scrollback = this.presented ? this.scrollback.slice(0, this.presented.scrollback) : this.scrollback;
    return [...scrollback, ...this.lines()].join('\n').replace(/\n+$/, '');
  }
}
