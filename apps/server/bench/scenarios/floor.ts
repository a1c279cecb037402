import { startChildServer } from '../lib/child-server';
import { closedLoop, openLoop, type LoadResult } from '../lib/http-load';
import { benchNats } from '../lib/nats';
import { tempDir } from '../lib/temp-dir';
import { inboundBody, type BenchOptions } from './bench-options';

/** What the floor scenario measured. */
export type FloorResult = { mode: 'direct' | 'group'; closed: LoadResult; open: Array<{ rate: number; result: LoadResult }> };

/**
 * The bare floor (no Switchboard code) in one mode: sustained throughput in a closed loop, then
 * latency at each open-loop rate. Own nats-server and database file, removed afterwards.
 *
 * @example
 * const floor = await benchFloor('direct', options, [1000, 1800]);
 */
export async function benchFloor(mode: 'direct' | 'group', options: BenchOptions, rates: number[]): Promise<FloorResult> {
  const nats = await benchNats(`floor-${mode}`);
  const dir = tempDir(`floor-${mode}-db`);
  const server = await startChildServer<{ url: string }>('floor-server.ts', { MODE: mode, DB_PATH: `${dir}/floor.db`, NATS_URL: nats.url });
  try {
    const headers = { 'content-type': 'application/json' };
    const spec = (run: string) => (i: number) => ({ path: '/messages', headers, body: inboundBody(run, i, options.threads).body });
    const closed = await closedLoop(server.info.url, { connections: options.connections, warmupMs: 3000, durationMs: options.durationMs, next: spec(`${mode}-closed`) });
    const open: FloorResult['open'] = [];
    for (const rate of rates) {
      await pause(500);
      open.push({ rate, result: await openLoop(server.info.url, { rate, warmupMs: 1000, durationMs: options.durationMs, next: spec(`${mode}-open-${rate}`) }) });
    }
    return { mode, closed, open };
  } finally {
    await server.stop();
    await nats.stop();
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
