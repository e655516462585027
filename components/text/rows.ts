// The rows a line of text takes in a column `columns` wide, wrapped exactly as Ink wraps a <Text>
// (wrap-ansi, hard, untrimmed: the package Ink itself uses), so that a screen sizing its parts
// from the terminal's height counts the rows they really take: a word moved whole to the next
// row can make a line one row longer than its length divided by the width.
import wrapAnsi from 'wrap-ansi';

export function textRows(text: string, columns: number): number {
  if (text === '') return 1;
  return wrapAnsi(text, Math.max(1, Math.floor(columns)), { trim: false, hard: true }).split('\n').length;
}
