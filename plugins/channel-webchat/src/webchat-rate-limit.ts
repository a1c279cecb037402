/** The verdict on one request: allowed, or refused with the seconds to wait. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** A sliding-window limiter: `hit(key, limit, windowMs)` counts one request against the key. */
export type RateLimiter = { hit(key: string, limit: number, windowMs: number): RateDecision; size(): number };

type Window = { start: number; previous: number; current: number; windowMs: number };

/**
 * An in-process sliding-window rate limiter (the two-window approximation: the previous window's
 * count weighs by how much of it still overlaps the sliding window). Counters live in this process
 * only: behind N server processes a client may get up to N times the limit, a trade-off the README
 * documents — nothing another process needs is kept here. Idle keys are swept as it goes.
 *
 * @example
 * const limiter = createRateLimiter();
 * const verdict = limiter.hit(`ip:${ip}`, 600, 60_000);
 * if (!verdict.allowed) return tooMany(verdict.retryAfterSeconds);
 */
export function createRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, Window>();
  let hitsSinceSweep = 0;

  function sweep(at: number): void {
    for (const [key, w] of windows) if (at - w.start >= 2 * w.windowMs) windows.delete(key);
  }

  return {
    hit(key, limit, windowMs) {
      const at = now();
      if (++hitsSinceSweep >= 1000) {
        hitsSinceSweep = 0;
        sweep(at);
      }
      let w = windows.get(key);
      if (!w || w.windowMs !== windowMs) {
        w = { start: at - (at % windowMs), previous: 0, current: 0, windowMs };
        windows.set(key, w);
      }
      const elapsedWindows = Math.floor((at - w.start) / windowMs);
      if (elapsedWindows >= 1) {
        w.previous = elapsedWindows === 1 ? w.current : 0;
        w.current = 0;
        w.start += elapsedWindows * windowMs;
      }
      const into = (at - w.start) / windowMs;
      const estimate = w.previous * (1 - into) + w.current;
      if (estimate + 1 > limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs(w, limit, at) / 1000)) };
      w.current += 1;
      return { allowed: true };
    },
    size: () => windows.size,
  };
}

/** How long until one more request fits under the limit. */
function waitMs(w: Window, limit: number, at: number): number {
  const elapsed = at - w.start;
  if (w.current + 1 <= limit && w.previous > 0) {
    // previous * (1 - f) + current + 1 <= limit, solved for the fraction f of this window.
    const fraction = 1 - (limit - w.current - 1) / w.previous;
    return Math.max(0, fraction * w.windowMs - elapsed);
  }
  // The current window alone is full: wait for it to become the previous one and fade enough.
  const fraction = w.current > 0 ? Math.max(0, 1 - (limit - 1) / w.current) : 0;
  return w.windowMs - elapsed + fraction * w.windowMs;
}
