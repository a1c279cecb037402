import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** One request of a load run: what to POST. */
export type RequestSpec = { path: string; headers: Record<string, string>; body: string };

/** What a load run saw. Latencies are in ms; only requests inside the measured window count. */
export type LoadResult = {
  /** Requests answered with a 2xx inside the measured window. */
  ok: number;
  /** Non-2xx answers and transport errors inside the window, by status (`error` for transport). */
  failures: Record<string, number>;
  /** Length of the measured window in seconds. */
  seconds: number;
  /** Answered 2xx per second inside the window. */
  throughput: number;
  /** Per-request latencies of the measured requests (from the scheduled send time in open loop). */
  latencies: number[];
  /** Requests sent in total, warm-up included. */
  sent: number;
};

type Target = { host: string; port: number };

function targetOf(baseUrl: string): Target {
  const u = new URL(baseUrl);
  return { host: u.hostname, port: Number(u.port) };
}

function post(agent: Agent, target: Target, spec: RequestSpec): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { agent, host: target.host, port: target.port, method: 'POST', path: spec.path, headers: { ...spec.headers, 'content-length': Buffer.byteLength(spec.body) } },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', () => resolve(-1));
      },
    );
    req.once('error', () => resolve(-1));
    req.end(spec.body);
  });
}

function record(result: LoadResult, status: number, latency: number): void {
  if (status >= 200 && status < 300) {
    result.ok++;
    result.latencies.push(latency);
  } else {
    const key = status < 0 ? 'error' : String(status);
    result.failures[key] = (result.failures[key] ?? 0) + 1;
  }
}

/**
 * Closed loop: `connections` clients, each sending its next request as soon as the previous one
 * is answered, for `warmupMs + durationMs`; only the last `durationMs` are counted. Measures the
 * most the server sustains at that concurrency.
 *
 * @example
 * const r = await closedLoop('http://127.0.0.1:3000', { connections: 64, warmupMs: 2000, durationMs: 10_000, next: (i) => spec(i) });
 */
export async function closedLoop(
  baseUrl: string,
  options: { connections: number; warmupMs: number; durationMs: number; next: (i: number) => RequestSpec; onSent?: (i: number, at: number) => void },
): Promise<LoadResult> {
  const target = targetOf(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const result: LoadResult = { ok: 0, failures: {}, seconds: options.durationMs / 1000, throughput: 0, latencies: [], sent: 0 };
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;
  let i = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const n = i++;
      const spec = options.next(n);
      const sentAt = performance.now();
      options.onSent?.(n, sentAt);
      result.sent++;
      const status = await post(agent, target, spec);
      const doneAt = performance.now();
      if (sentAt >= measureFrom && doneAt <= end) record(result, status, doneAt - sentAt);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  agent.destroy();
  result.throughput = result.ok / result.seconds;
  return result;
}

/**
 * Open loop: requests are scheduled at a fixed `rate` whatever the server does, and each latency
 * is measured from its scheduled time — a stalled server makes every queued request late, as it
 * would for real clients (no coordinated omission). The first `warmupMs` are not counted.
 *
 * @example
 * const r = await openLoop('http://127.0.0.1:3000', { rate: 1000, warmupMs: 1000, durationMs: 10_000, next: (i) => spec(i) });
 */
export async function openLoop(
  baseUrl: string,
  options: { rate: number; warmupMs: number; durationMs: number; next: (i: number) => RequestSpec; onSent?: (i: number, scheduledAt: number) => void; maxSockets?: number },
): Promise<LoadResult> {
  const target = targetOf(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 512 });
  const result: LoadResult = { ok: 0, failures: {}, seconds: options.durationMs / 1000, throughput: 0, latencies: [], sent: 0 };
  const total = Math.round((options.rate * (options.warmupMs + options.durationMs)) / 1000);
  const warmupCount = Math.round((options.rate * options.warmupMs) / 1000);
  const interval = 1000 / options.rate;
  const inFlight = new Set<Promise<void>>();
  const start = performance.now() + 5;
  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (i < total && start + i * interval <= now) {
        const n = i++;
        const scheduledAt = start + n * interval;
        const spec = options.next(n);
        options.onSent?.(n, scheduledAt);
        result.sent++;
        const p = post(agent, target, spec).then((status) => {
          if (n >= warmupCount) record(result, status, performance.now() - scheduledAt);
          inFlight.delete(p);
        });
        inFlight.add(p);
      }
      if (i >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(1, start + i * interval - performance.now())));
    };
    tick();
  });
  await Promise.all(inFlight);
  agent.destroy();
  result.throughput = result.ok / result.seconds;
  return result;
}
