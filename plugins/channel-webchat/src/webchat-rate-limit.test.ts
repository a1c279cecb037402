import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './webchat-rate-limit';

describe('sliding-window rate limiter', () => {
  it('allows the limit, then refuses with the seconds to wait', () => {
    let clock = 1_000_000;
    const limiter = createRateLimiter(() => clock);
    for (let i = 0; i < 3; i++) expect(limiter.hit('ip:a', 3, 10_000)).toEqual({ allowed: true });
    const refused = limiter.hit('ip:a', 3, 10_000);
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // Keys are independent.
    expect(limiter.hit('ip:b', 3, 10_000)).toEqual({ allowed: true });
    clock += 1000;
    expect(limiter.hit('ip:a', 3, 10_000).allowed).toBe(false);
  });

  it('slides: the previous window still counts in part, and a quiet spell frees everything', () => {
    let clock = 0;
    const limiter = createRateLimiter(() => clock);
    for (let i = 0; i < 4; i++) limiter.hit('k', 4, 10_000);
    // Halfway into the next window, half of the previous four still count: two more fit.
    clock = 15_000;
    expect(limiter.hit('k', 4, 10_000).allowed).toBe(true);
    expect(limiter.hit('k', 4, 10_000).allowed).toBe(true);
    expect(limiter.hit('k', 4, 10_000).allowed).toBe(false);
    clock = 40_000;
    for (let i = 0; i < 4; i++) expect(limiter.hit('k', 4, 10_000).allowed).toBe(true);
  });

  it('the wait it names is enough', () => {
    let clock = 5_000;
    const limiter = createRateLimiter(() => clock);
    for (let i = 0; i < 5; i++) limiter.hit('k', 5, 10_000);
    const refused = limiter.hit('k', 5, 10_000);
    if (refused.allowed) throw new Error('expected a refusal');
    clock += refused.retryAfterSeconds * 1000;
    expect(limiter.hit('k', 5, 10_000).allowed).toBe(true);
  });
});
