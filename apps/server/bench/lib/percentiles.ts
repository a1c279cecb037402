/** Latency summary of one run, in milliseconds. */
export type LatencySummary = { count: number; p50: number; p90: number; p99: number; max: number; mean: number };

/**
 * Summarises latencies (ms) with nearest-rank percentiles over the sorted samples. Every sample
 * is kept: a run is at most a few tens of thousands of requests, so sorting is cheap and exact.
 *
 * @example
 * summarize([1, 2, 3]).p50; // 2
 */
export function summarize(samples: number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  let sum = 0;
  for (const x of sorted) sum += x;
  return { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1]!, mean: sum / sorted.length };
}
