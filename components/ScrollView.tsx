// A panel taller than its room, scrolled: its lines as Ink wraps them (measured after layout, so a
// long path or error counts the rows it really takes), clipped to the window scroll.ts picks, with
// `↑ 3 more lines (pgup)` above and `↓ 6 more lines (pgdn)` below when lines are hidden there (one
// line, `↑ 3 · ↓ 6 more lines (pgup/pgdn)`, in a room under 4 rows; in a room of none, nothing).
// The indicators are hints, one row each: cut at the edge, never wrapped onto a row not counted. The owner keeps `top` and
// handles the keys (one key handler per screen); it learns the measured height through
// `onMeasure`. A resize re-measures, and the window is clamped again.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Box, Text, measureElement, type DOMElement } from 'ink';
import { scrollWindow } from './scroll.js';

export interface ScrollMetrics {
  /** Lines of the content as laid out now. */
  total: number;
  room: number;
}

interface Props {
  top: number;
  /** Rows the panel may take, indicators included. */
  room: number;
  onMeasure?: (metrics: ScrollMetrics) => void;
  children: ReactNode;
}

const lines = (n: number) => `${n} more ${n === 1 ? 'line' : 'lines'}`;

export function ScrollView({ top, room, onMeasure, children }: Props) {
  const content = useRef<DOMElement>(null);
  const [total, setTotal] = useState<number | null>(null);
  useLayoutEffect(() => {
    if (!content.current) return;
    const { height } = measureElement(content.current);
    if (height !== total) setTotal(height);
    onMeasure?.({ total: height, room });
  });
  // Always clipped, to the height last measured: a first frame (not measured yet: nothing shown for
  // a moment) or one whose content just grew is never taller than the room, which would make Ink
  // clear the terminal, scrollback and all; nor is a short panel padded out to the room.
  const window = scrollWindow(total ?? 0, room, top);
  const both = window.joined && window.above > 0 && window.below > 0;
  return (
    <Box flexDirection="column">
      {window.above > 0 && !window.joined ? <Text dimColor wrap="truncate-end">{`↑ ${lines(window.above)} (pgup)`}</Text> : null}
      <Box flexDirection="column" height={window.shown} overflowY="hidden" flexShrink={0}>
        {/* Absolute: laid out at its own height whatever the clip's is (a clip of 0 rows would shrink its rows to nothing). */}
        <Box ref={content} position="absolute" width="100%" flexDirection="column" flexShrink={0} marginTop={-window.top}>
          {children}
        </Box>
      </Box>
      {both ? <Text dimColor wrap="truncate-end">{`↑ ${window.above} · ↓ ${lines(window.below)} (pgup/pgdn)`}</Text>
        : window.below > 0 ? <Text dimColor wrap="truncate-end">{`↓ ${lines(window.below)} (pgdn)`}</Text>
        : window.above > 0 && window.joined ? <Text dimColor wrap="truncate-end">{`↑ ${lines(window.above)} (pgup)`}</Text> : null}
    </Box>
  );
}
