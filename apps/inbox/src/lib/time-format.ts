const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Compact age for list rows: `now`, `4m`, `3h`, `2d`, then a date.
 *
 * @example
 * shortAge('2025-01-01T10:00:00Z', Date.parse('2025-01-01T10:04:00Z')); // '4m'
 */
export function shortAge(iso: string, now: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const diff = Math.max(0, now - t);
  if (diff < MINUTE) return 'now';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)}m`;
  if (diff < DAY) return `${Math.floor(diff / HOUR)}h`;
  if (diff < 7 * DAY) return `${Math.floor(diff / DAY)}d`;
  return new Date(t).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/**
 * How long someone has been waiting, for badges and screen readers: `12m`, `1h 5m`, `2d 3h`.
 *
 * @example
 * waitingLabel('2025-01-01T10:00:00Z', Date.parse('2025-01-01T11:05:00Z')); // '1h 5m'
 */
export function waitingLabel(iso: string, now: number): string {
  const diff = Math.max(0, now - Date.parse(iso));
  if (diff < MINUTE) return '<1m';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)}m`;
  if (diff < DAY) return `${Math.floor(diff / HOUR)}h ${Math.floor((diff % HOUR) / MINUTE)}m`;
  return `${Math.floor(diff / DAY)}d ${Math.floor((diff % DAY) / HOUR)}h`;
}

/**
 * Severity of a wait: under 15 minutes is fine, under an hour is a warning, beyond is urgent.
 *
 * @example
 * waitingLevel(iso, now); // 'ok' | 'warn' | 'urgent'
 */
export function waitingLevel(iso: string, now: number): 'ok' | 'warn' | 'urgent' {
  const diff = now - Date.parse(iso);
  return diff < 15 * MINUTE ? 'ok' : diff < HOUR ? 'warn' : 'urgent';
}

/**
 * Time of a message: `14:05` today, `Tue 14:05` this week, else a date with time.
 *
 * @example
 * messageTime('2025-01-01T14:05:00Z', Date.now());
 */
export function messageTime(iso: string, now: number): string {
  const d = new Date(iso);
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const today = new Date(now);
  if (d.toDateString() === today.toDateString()) return time;
  if (now - d.getTime() < 6 * DAY) return `${d.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
  return `${d.toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: d.getFullYear() === today.getFullYear() ? undefined : 'numeric' })} ${time}`;
}

/** A full, unambiguous timestamp for tooltips. */
export function fullTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
