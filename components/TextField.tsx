// A one-line text field view: label, value (or a dim placeholder), and a block cursor when
// focused: at the end, or on the character it stands before. A value wider than the terminal
// shows the part around the cursor, measured in columns. In plain-lines mode (TERM=dumb,
// CODEX_REDUCED_MOTION=1) there is no inverse video and no cursor movement: a `|` stands where the
// cursor is, and the placeholder is in parentheses, so it is not read as typed text.
import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { useTerminalSize } from './hooks/useTerminalSize.js';
import { useTheme } from './theme.js';

interface Props {
  label: string;
  value: string;
  placeholder: string;
  focused?: boolean;
  /** Index in `value` of the character the cursor is on; the end when absent. */
  cursor?: number;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Each grapheme of `value[from, to)`: where it starts (UTF-16 index) and how many columns it takes. */
function cells(value: string, from: number, to: number): { at: number; width: number }[] {
  const part = value.slice(from, to);
  // Printable ASCII is one column a character; anything else is split into graphemes (an emoji
  // with its modifiers, a letter with its accents) and measured as the terminal draws it.
  if (PRINTABLE_ASCII.test(part)) return Array.from(part, (_, i) => ({ at: from + i, width: 1 }));
  return Array.from(new Intl.Segmenter().segment(part), ({ segment, index }) => ({ at: from + index, width: stringWidth(segment) }));
}

/**
 * The slice of `value` that fits `width` columns and shows the cursor, counted in display columns (a
 * CJK character takes two). The cursor gets about half the room before it, the rest goes after it,
 * and the end keeps one column for the block that stands there. Only the text near the cursor is
 * measured, so a long paste costs no more per keystroke than a short line.
 */
export function fieldWindow(value: string, cursor: number, width: number): { start: number; end: number } {
  const room = Math.max(1, width);
  if (value.length + 1 <= room && PRINTABLE_ASCII.test(value)) return { start: 0, end: value.length };
  // A grapheme is at least one UTF-16 unit and (but for zero-width marks) one column: this span
  // holds every cell the window can take, on either side of the cursor.
  const span = 4 * room + 8;
  const from = Math.max(0, cursor - span);
  const to = Math.min(value.length, cursor + span);
  const row = cells(value, from, to);
  if (to === value.length) row.push({ at: value.length, width: 1 }); // the cell after the last character
  if (from === 0 && to === value.length && row.reduce((sum, cell) => sum + cell.width, 0) <= room) return { start: 0, end: value.length };
  // The cell the cursor is in (a cursor inside a grapheme stands on all of it).
  let here = row.findIndex((cell, i) => cursor < (row[i + 1]?.at ?? Infinity));
  if (here < 0) here = row.length - 1;
  let left = here;
  let right = here + 1;
  let used = row[here]!.width;
  const fits = (cell: { width: number }) => used + cell.width <= room;
  for (let before = 0; left > 0 && before + row[left - 1]!.width <= Math.floor(room / 2) && fits(row[left - 1]!); left--) {
    before += row[left - 1]!.width;
    used += row[left - 1]!.width;
  }
  for (; right < row.length && fits(row[right]!); right++) used += row[right]!.width;
  for (; left > 0 && fits(row[left - 1]!); left--) used += row[left - 1]!.width;
  return { start: row[left]!.at, end: Math.min(value.length, right < row.length ? row[right]!.at : to) };
}

/** The cursor's mark where inverse video is not shown (plain lines). */
export const PLAIN_CURSOR = '|';

/** `value` with a block cursor on the character at `cursor` (a space at the end), cut to `width` around it. */
export function TextCursor({ value, cursor, width, focused = true }: { value: string; cursor: number; width: number; focused?: boolean }) {
  const { plain } = useTheme();
  const at = Math.min(cursor, value.length);
  const { start, end } = fieldWindow(value, at, plain && focused ? width - 1 : width);
  if (!focused) return <Text wrap="truncate-end">{value.slice(start, end)}</Text>;
  if (plain) return <Text wrap="truncate-end">{value.slice(start, at)}{PLAIN_CURSOR}{value.slice(at, end)}</Text>;
  const on = at < value.length ? value.slice(at, at + (/[\ud800-\udbff]/.test(value[at]!) ? 2 : 1)) : ' ';
  const after = at < value.length ? value.slice(at + on.length, end) : '';
  return (
    <Text wrap="truncate-end">
      {value.slice(start, at)}
      <Text inverse>{on}</Text>
      {after}
    </Text>
  );
}

/** An empty field: the dim placeholder, and the cursor when focused. A hint in a one-line field: cut at the edge, never wrapped. */
export function FieldPlaceholder({ text, focused = true }: { text: string; focused?: boolean }) {
  const { plain } = useTheme();
  if (plain) return <Text wrap="truncate-end">{focused ? PLAIN_CURSOR : ''} ({text})</Text>;
  return <Text wrap="truncate-end"><Text dimColor>{text}</Text>{focused ? <Text inverse> </Text> : null}</Text>;
}

export function TextField({ label, value, placeholder, focused = true, cursor }: Props) {
  const theme = useTheme();
  const { columns } = useTerminalSize();
  return (
    <Box flexDirection="column">
      <Text bold>{label}</Text>
      <Box>
        <Box flexShrink={0}><Text color={theme.accent}>{'> '}</Text></Box>
        {value === ''
          ? <FieldPlaceholder text={placeholder} focused={focused} />
          : <TextCursor value={value} cursor={cursor ?? value.length} width={columns - 3} focused={focused} />}
      </Box>
    </Box>
  );
}
