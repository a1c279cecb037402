/** Backoff settings of the realtime reconnect loop. */
export type BackoffOptions = { baseMs: number; maxMs: number };

/** Default: 0.5 s doubling to 30 s. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential, capped, with "equal jitter" —
 * half fixed, half random — so a server restart is not met by every tab at the same instant, yet
 * no tab waits close to zero in a tight loop.
 *
 * @example
 * backoffDelay(0, Math.random); // 250..500 ms
 * backoffDelay(10, () => 1);    // 30000 ms
 */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
