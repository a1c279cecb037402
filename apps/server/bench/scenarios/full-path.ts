import { performance } from 'node:perf_hooks';
import { connectAgent, closeSocket } from '../lib/agent-socket';
import { startChildServer } from '../lib/child-server';
import { closedLoop, openLoop, type LoadResult, type RequestSpec } from '../lib/http-load';
import { benchNats } from '../lib/nats';
import { tempDir } from '../lib/temp-dir';
import { inboundBody, type BenchOptions } from './bench-options';

/** Open loop at a fixed rate: HTTP latency, and end-to-end latency to the agent's WebSocket. */
export type FullPathOpen = { rate: number; http: LoadResult; e2e: number[]; missing: number };
/** Closed loop: what was accepted over HTTP and what reached the agent inside the same window. */
export type FullPathClosed = { http: LoadResult; delivered: number; seconds: number; throughput: number; backlogAtEnd: number; drainMs: number; missing: number };
/**
 * What the full-path scenario measured: capacity (closed loop), latency at the target rate, and
 * — when the target rate is above what the server sustains — latency at half its capacity, where
 * the numbers describe the path rather than a queue growing for ten seconds.
 */
export type FullPathResult = { closed: FullPathClosed; open: FullPathOpen; belowCapacity: FullPathOpen | null };

const TOKEN = 'bench-inbound-token';
const RECEIVED = '"type":"core.message.received.v1"';

/**
 * The real path of an inbound message: `POST /plugins/channel-api/messages` → channel-api →
 * `core.message.record_inbound.v1` over NATS → core write (group commit) → outbox → JetStream →
 * realtime hub → an agent's WebSocket, where the matching `core.message.received.v1` (by provider
 * message id) stops the clock.
 *
 * @example
 * const full = await benchFullPath(options);
 */
export async function benchFullPath(options: BenchOptions): Promise<FullPathResult> {
  const nats = await benchNats('full');
  const dir = tempDir('full-data');
  const server = await startChildServer<{ url: string; adminToken: string }>('switchboard-server.ts', { DATA_DIR: dir, NATS_URL: nats.url, INBOUND_TOKEN: TOKEN });
  // Provider id → send time (scheduled time in the open loop) of messages not yet seen by the agent.
  const waiting = new Map<string, number>();
  let onArrival: (latency: number, at: number) => void = () => undefined;
  const agent = await connectAgent(server.info.url, server.info.adminToken, (text) => {
    if (!text.includes(RECEIVED)) return;
    const at = performance.now();
    const frame = JSON.parse(text) as { event: { data: { message: { providerMessageId: string | null } } } };
    const id = frame.event.data.message.providerMessageId;
    const sentAt = id === null ? undefined : waiting.get(id);
    if (sentAt === undefined || id === null) return;
    waiting.delete(id);
    onArrival(at - sentAt, at);
  });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
  const spec =
    (run: string) =>
    (i: number): RequestSpec & { id: string } => {
      const { id, body } = inboundBody(run, i, options.threads);
      return { id, path: '/plugins/channel-api/messages', headers, body };
    };
  const tracked = (run: string) => {
    const make = spec(run);
    const ids: string[] = [];
    return {
      next: (i: number) => {
        const s = make(i);
        ids[i] = s.id;
        return s;
      },
      onSent: (i: number, at: number) => void waiting.set(ids[i]!, at),
    };
  };

  const openRun = async (rate: number, run: string): Promise<FullPathOpen> => {
    const e2e: number[] = [];
    const warmupMs = 1000;
    const start = performance.now();
    onArrival = (latency, at) => {
      if (at - latency >= start + warmupMs) e2e.push(latency);
    };
    const http = await openLoop(server.info.url, { rate, warmupMs, durationMs: options.durationMs, ...tracked(run) });
    const { missing } = await drained(waiting, 30_000);
    waiting.clear();
    return { rate, http, e2e, missing };
  };

  try {
    // Warm-up: opens the conversations of every thread and lets the JIT settle; not reported.
    await openLoop(server.info.url, { rate: 300, warmupMs: 0, durationMs: 3000, ...tracked('warm') });
    await drained(waiting, 30_000);
    waiting.clear();

    // The JIT needs several seconds of full load before the server reaches its pace.
    const closedWarmupMs = 5000;
    let delivered = 0;
    const closedStart = performance.now();
    const from = closedStart + closedWarmupMs;
    const to = from + options.durationMs;
    onArrival = (_latency, at) => {
      if (at >= from && at <= to) delivered++;
    };
    const closedHttp = await closedLoop(server.info.url, { connections: options.connections, warmupMs: closedWarmupMs, durationMs: options.durationMs, ...tracked('closed') });
    const backlogAtEnd = waiting.size;
    const drain = await drained(waiting, 60_000);
    waiting.clear();
    const seconds = options.durationMs / 1000;
    const closed: FullPathClosed = { http: closedHttp, delivered, seconds, throughput: delivered / seconds, backlogAtEnd, drainMs: drain.ms, missing: drain.missing };

    const open = await openRun(options.rate, 'open');
    const half = Math.floor(closed.throughput / 2 / 50) * 50;
    const belowCapacity = half >= 50 && half < options.rate ? await openRun(half, 'below') : null;
    return { closed, open, belowCapacity };
  } finally {
    await closeSocket(agent);
    await server.stop();
    await nats.stop();
  }
}

/** Waits until every sent message reached the agent, or the timeout; says how many did not. */
async function drained(waiting: Map<string, number>, timeoutMs: number): Promise<{ ms: number; missing: number }> {
  const start = performance.now();
  while (waiting.size > 0 && performance.now() - start < timeoutMs) await new Promise((r) => setTimeout(r, 20));
  return { ms: performance.now() - start, missing: waiting.size };
}
