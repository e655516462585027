// Terminal size from Ink's stdout, updated on resize. A width under 10 is what some terminals
// report for a moment at startup; it is treated as unknown (80) rather than laid out.
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  columns: number;
  rows: number;
  /** Little room: drop blank lines and descriptions. */
  compact: boolean;
}

const measure = (stdout: NodeJS.WriteStream): TerminalSize => {
  const columns = stdout.columns && stdout.columns >= 10 ? stdout.columns : 80;
  const rows = stdout.rows && stdout.rows >= 5 ? stdout.rows : 24;
  return { columns, rows, compact: rows < 20 || columns < 60 };
};

export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => measure(stdout));
  useEffect(() => {
    const onResize = () => setSize(measure(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
