// The current time, redrawn every `intervalMs` (for countdowns). Reads Date.now at render time so
// a screen that appears between ticks never shows a stale value; fake timers drive it in tests.
import { useEffect, useState } from 'react';

export function useNow(intervalMs = 1000, active = true): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return Date.now();
}
