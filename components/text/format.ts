// Time and code formatting for the screens (pure).

/** `9:59` for a countdown; `0:00` once passed. Hours appear when needed (`1:02:03`). */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * A wait in words that change at most once a minute: `10 min`, `2 min`, then seconds only in the
 * last minute (`45 s`). A waiting screen that shows it redraws nothing in between (Ink writes only
 * a frame that differs from the last).
 */
export function formatWait(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return seconds > 60 ? `${Math.ceil(seconds / 60)} min` : `${seconds} s`;
}

/** `in 3h 5m`, `12m ago`, `just now`. */
export function formatRelative(at: number, now: number): string {
  const delta = at - now;
  const abs = Math.abs(delta);
  if (abs < 60_000) return delta >= 0 ? 'in less than a minute' : 'just now';
  const minutes = Math.round(abs / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const text = days > 0 ? `${days}d ${hours}h` : hours > 0 ? `${hours}h ${mins}m` : `${mins}m`;
  return delta >= 0 ? `in ${text}` : `${text} ago`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local `2026-11-22 14:05`. */
export function formatAbsolute(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `ABCD-12345` -> `A B C D - 1 2 3 4 5`. Not for the device code on screen: it is drawn as one token, so selecting it copies the code. */
export const spacedCode = (code: string): string => [...code].join(' ');
