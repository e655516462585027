// useState plus a ref that always holds the newest value. Ink swaps in a new useInput handler only
// after the next render, so a key that arrives in between (an Enter right after a paste) would see
// the old state; handlers read `.current` instead.
import { useCallback, useRef, useState, type MutableRefObject } from 'react';

export function useLatestState<T>(initial: T | (() => T)): [T, (next: T | ((previous: T) => T)) => void, MutableRefObject<T>] {
  const [value, setValue] = useState(initial);
  const latest = useRef(value);
  const set = useCallback((next: T | ((previous: T) => T)) => {
    latest.current = typeof next === 'function' ? (next as (previous: T) => T)(latest.current) : next;
    setValue(latest.current);
  }, []);
  return [value, set, latest];
}
