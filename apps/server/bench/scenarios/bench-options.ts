/** Knobs of one bench run (flags of bench/run.ts). */
export type BenchOptions = {
  /** Length of each measured window, ms. */
  durationMs: number;
  /** Closed-loop concurrency (HTTP clients). */
  connections: number;
  /** Open-loop rate of the full path and of the floor's first latency run, msg/s. */
  rate: number;
  /** The floor's second open-loop rate (the issue quotes its p99 there), msg/s. */
  floorRate: number;
  /** Threads/contacts the messages are spread over. */
  threads: number;
  /** Idle realtime connections for the memory measurement. */
  idleConnections: number;
};

/** Defaults: one full run takes about three to four minutes on two cores. */
export const defaultBenchOptions: BenchOptions = {
  durationMs: 10_000,
  connections: 64,
  rate: 1000,
  floorRate: 1800,
  threads: 200,
  idleConnections: 2000,
};

/** The body of inbound message `i` of run `run`: a unique id over `threads` threads and senders. */
export function inboundBody(run: string, i: number, threads: number): { id: string; body: string } {
  const id = `${run}-${i}`;
  const t = i % threads;
  return { id, body: JSON.stringify({ id, thread: `thread-${t}`, from: { id: `user-${t}`, name: `User ${t}` }, text: `bench message ${id}` }) };
}
