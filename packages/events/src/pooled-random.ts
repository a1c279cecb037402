/**
 * A source of random fractions in [0, 1) for ULIDs that asks the platform's CSPRNG for a pool of
 * bytes at a time instead of one byte per call. The `ulid` package draws one random byte per
 * character of every id; under load those calls cost several per cent of a core. A fraction is
 * `byte / 256`, so `floor(f * 32)` (how ULID picks a character) is uniform over its 32 characters.
 *
 * @example
 * const prng = createPooledRandom();
 * const ulid = monotonicFactory(prng);
 */
export function createPooledRandom(poolSize = 4096): () => number {
  const pool = new Uint8Array(poolSize);
  let next = poolSize;
  return () => {
    if (next === poolSize) {
      globalThis.crypto.getRandomValues(pool);
      next = 0;
    }
    return (pool[next++] as number) / 256;
  };
}
