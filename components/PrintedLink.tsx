// Prints a URL once, above the live frame, as one unbroken line: no border, no indentation, no
// wrapping by Ink. The terminal soft-wraps it, so selecting it copies one contiguous string, and
// it stays in the scrollback when the frame below redraws.
import { useEffect, useRef, useState } from 'react';
import { Text, useStdout } from 'ink';
import { hyperlink } from './text/hyperlink.js';

/** Writes `text` above the frame once; true once written (the state change redraws the frame after it). */
export function usePrintOnce(text: string | null): boolean {
  const { write } = useStdout();
  const printed = useRef<string | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (text === null || printed.current === text) return;
    printed.current = text;
    write(text);
    setDone(true);
  }, [text, write]);
  return done;
}

interface Props {
  label: string;
  url: string;
  linkable: boolean;
  columns: number;
  /** Short URLs that fit on one line are drawn in the frame instead. */
  inlineWhenFits?: boolean;
}

export function PrintedLink({ label, url, linkable, columns, inlineWhenFits = false }: Props) {
  const inline = inlineWhenFits && url.length <= columns - 1;
  const printed = usePrintOnce(inline ? null : `${label}\n${hyperlink(url, linkable)}\n\n`);
  if (inline) return <Text underline>{url}</Text>;
  return <Text dimColor>{printed ? 'The link is printed above; select it to copy.' : ' '}</Text>;
}
