import type WebSocket from 'ws';
import { closeSocket, connectAgent } from '../lib/agent-socket';
import { startChildServer, type ChildServer } from '../lib/child-server';
import { benchNats } from '../lib/nats';
import { tempDir } from '../lib/temp-dir';
import type { MemorySnapshot } from '../servers/harness-ipc';

/** Memory growth of one server per idle connection (heap used + external, after GC). */
export type IdleMemory = {
  connections: number;
  perConnectionBytes: number;
  heapPerConnection: number;
  externalPerConnection: number;
  rssPerConnection: number;
  /** Connections that failed to open (e.g. the file descriptor limit). */
  failed: number;
  firstError: string | null;
};

/** Idle realtime connections to the Switchboard server, and to a bare `ws` server for reference. */
export type IdleResult = { switchboard: IdleMemory; bareWs: IdleMemory };

/**
 * Opens `count` agent connections (hello sent, ready received), lets them sit idle and reads the
 * server's memory after full GCs, before and after, through the harness channel.
 *
 * @example
 * const idle = await benchIdleConnections(2000);
 */
export async function benchIdleConnections(count: number): Promise<IdleResult> {
  const nats = await benchNats('idle');
  const dir = tempDir('idle-data');
  const sb = await startChildServer<{ url: string; adminToken: string }>('switchboard-server.ts', { DATA_DIR: dir, NATS_URL: nats.url, INBOUND_TOKEN: 'bench-inbound-token' });
  let switchboard: IdleMemory;
  try {
    switchboard = await measure(sb, count);
  } finally {
    await sb.stop();
    await nats.stop();
  }
  const bare = await startChildServer<{ url: string; adminToken: string }>('bare-ws-server.ts');
  try {
    return { switchboard, bareWs: await measure({ ...bare, info: { ...bare.info, adminToken: 'unused' } }, count) };
  } finally {
    await bare.stop();
  }
}

async function measure(server: ChildServer<{ url: string; adminToken: string }>, count: number): Promise<IdleMemory> {
  const { url, adminToken } = server.info;
  // Warm both sides up first, so lazily built state (code, pools, caches) is not billed per connection.
  const warm = await openMany(url, adminToken, 100);
  await Promise.all(warm.sockets.map(closeSocket));
  await new Promise((r) => setTimeout(r, 300));
  const before = await server.call<MemorySnapshot>('memory');
  const opened = await openMany(url, adminToken, count);
  await new Promise((r) => setTimeout(r, 1000));
  const after = await server.call<MemorySnapshot>('memory');
  await Promise.all(opened.sockets.map(closeSocket));
  const n = Math.max(1, opened.sockets.length);
  const heap = (after.heapUsed - before.heapUsed) / n;
  const external = (after.external - before.external) / n;
  return {
    connections: opened.sockets.length,
    perConnectionBytes: heap + external,
    heapPerConnection: heap,
    externalPerConnection: external,
    rssPerConnection: (after.rss - before.rss) / n,
    failed: opened.failed,
    firstError: opened.firstError,
  };
}

async function openMany(url: string, token: string, count: number): Promise<{ sockets: WebSocket[]; failed: number; firstError: string | null }> {
  const sockets: WebSocket[] = [];
  let failed = 0;
  let firstError: string | null = null;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      try {
        sockets.push(await connectAgent(url, token));
      } catch (err) {
        failed++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  return { sockets, failed, firstError };
}
