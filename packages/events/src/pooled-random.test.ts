import { describe, expect, it } from 'vitest';
import { createPooledRandom } from './pooled-random';
import { newId } from './cloudevent';

describe('pooled random source', () => {
  it('gives fractions in [0, 1) spread over all 32 ULID characters, across pool refills', () => {
    const prng = createPooledRandom(64);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const f = prng();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      seen.add(Math.floor(f * 32));
    }
    expect(seen.size).toBe(32);
  });

  it('does not repeat the same sequence after a refill', () => {
    const prng = createPooledRandom(32);
    const first = Array.from({ length: 32 }, prng);
    const second = Array.from({ length: 32 }, prng);
    expect(second).not.toEqual(first);
  });

  it('still makes unique, sortable ids', () => {
    const ids = Array.from({ length: 2000 }, newId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});
