import { summarize } from './percentiles';
import type { CpuShare } from './cpu-sampler';
import type { MachineFacts } from './machine';
import type { FloorResult } from '../scenarios/floor';
import type { FullPathResult } from '../scenarios/full-path';
import type { IdleResult } from '../scenarios/idle-connections';
import type { BenchOptions } from '../scenarios/bench-options';

/** Everything one run measured; a scenario left out with `--only` is null. */
export type BenchResults = {
  startedAt: string;
  seconds: number;
  facts: MachineFacts;
  options: BenchOptions;
  floor: FloorResult | null;
  floorGroup: FloorResult | null;
  full: FullPathResult | null;
  idle: IdleResult | null;
  /** CPU use during each part (Linux only). */
  cpu: Record<string, CpuShare>;
};

type Row = { measure: string; result: string; target: string; met: boolean | null };

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : Math.round(n).toString()) : '—');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const failures = (f: Record<string, number>) => {
  const parts = Object.entries(f).map(([k, v]) => `${v}× ${k}`);
  return parts.length ? ` (failed: ${parts.join(', ')})` : '';
};

/**
 * Renders a run as markdown: machine facts, the table (each row with the issue's target and
 * whether this run met it) and notes on method.
 *
 * @example
 * writeFileSync('results.md', renderMarkdown(results));
 */
export function renderMarkdown(r: BenchResults): string {
  const rows: Row[] = [];
  const o = r.options;
  if (r.floor) {
    const c = r.floor.closed;
    rows.push({ measure: `Floor: sustained throughput (closed loop, ${o.connections} clients, ${o.durationMs / 1000} s)`, result: `${int(c.throughput)} msg/s${failures(c.failures)}`, target: '~2,500 msg/s', met: null });
    for (const { rate, result } of r.floor.open) {
      const s = summarize(result.latencies);
      rows.push({
        measure: `Floor: latency at ${int(rate)}/s (open loop) p50 / p99 / max`,
        result: `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)} ms${failures(result.failures)}`,
        target: rate === 1800 ? 'p99 ≈ 15 ms at 1,800/s' : '—',
        met: null,
      });
    }
  }
  if (r.floorGroup) {
    const c = r.floorGroup.closed;
    rows.push({ measure: 'Floor with group commit: sustained throughput', result: `${int(c.throughput)} msg/s${failures(c.failures)}`, target: '~7,500 msg/s', met: null });
    for (const { rate, result } of r.floorGroup.open) {
      const s = summarize(result.latencies);
      rows.push({ measure: `Floor with group commit: latency at ${int(rate)}/s p50 / p99 / max`, result: `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)} ms${failures(result.failures)}`, target: '—', met: null });
    }
  }
  if (r.full) {
    const c = r.full.closed;
    rows.push({
      measure: `Switchboard full path: sustained, delivered to the agent's WebSocket (closed loop, ${o.connections} clients)`,
      result: `${int(c.throughput)} msg/s`,
      target: '≥ 2,000 msg/s',
      met: c.throughput >= 2000,
    });
    rows.push({
      measure: 'Switchboard full path: accepted over HTTP (202) in the same window',
      result: `${int(c.http.throughput)} msg/s${failures(c.http.failures)}; ${int(c.backlogAtEnd)} not yet at the agent when the load stopped, all there ${ms(c.drainMs)} ms later${c.missing ? `, ${c.missing} never arrived` : ''}`,
      target: '—',
      met: null,
    });
    const latencyRows = (run: NonNullable<BenchResults['full']>['open'], note: string, target: string, judged: boolean) => {
      const e2e = summarize(run.e2e);
      const http = summarize(run.http.latencies);
      rows.push({
        measure: `Switchboard full path: end-to-end latency at ${int(run.rate)}/s (POST → agent's WebSocket)${note} p50 / p99 / max`,
        result: `${ms(e2e.p50)} / ${ms(e2e.p99)} / ${ms(e2e.max)} ms${run.missing ? ` (${run.missing} never arrived)` : ''}`,
        target,
        met: judged ? run.missing === 0 && e2e.p99 <= 50 : null,
      });
      rows.push({ measure: `Switchboard full path: HTTP latency at ${int(run.rate)}/s (POST → 202)${note} p50 / p99`, result: `${ms(http.p50)} / ${ms(http.p99)} ms${failures(run.http.failures)}`, target: '—', met: null });
    };
    latencyRows(r.full.open, '', 'p99 ≤ 50 ms', true);
    if (r.full.belowCapacity) latencyRows(r.full.belowCapacity, ' — half the capacity measured above —', '—', false);
    if (r.floor) {
      const ratio = c.throughput / r.floor.closed.throughput;
      rows.push({ measure: 'Full path ÷ bare floor, sustained throughput (same run)', result: `${Math.round(ratio * 100)} %`, target: '≥ 60 %', met: ratio >= 0.6 });
    }
  }
  if (r.idle) {
    const { switchboard: s, bareWs: b } = r.idle;
    rows.push({
      measure: `Idle realtime connection, Switchboard (heap + external per connection, ${int(s.connections)} connections)`,
      result: `${kb(s.perConnectionBytes)} (heap ${kb(s.heapPerConnection)}, external ${kb(s.externalPerConnection)}; RSS ${kb(s.rssPerConnection)})${s.failed ? `; ${s.failed} failed: ${s.firstError}` : ''}`,
      target: '≤ 13 KB',
      met: s.failed === 0 && s.perConnectionBytes <= 13 * 1024,
    });
    rows.push({
      measure: `Idle connection, bare \`ws\` server (${int(b.connections)} connections)`,
      result: `${kb(b.perConnectionBytes)} (heap ${kb(b.heapPerConnection)}, external ${kb(b.externalPerConnection)}; RSS ${kb(b.rssPerConnection)})${b.failed ? `; ${b.failed} failed: ${b.firstError}` : ''}`,
      target: '~6.5 KB',
      met: null,
    });
  }
  const f = r.facts;
  const lines = [
    '# Switchboard benchmark results',
    '',
    `Run ${r.startedAt}, took ${Math.round(r.seconds)} s. Produced by \`pnpm bench\` (\`apps/server/bench/run.ts\`); every number is measured in that run.`,
    '',
    `**Machine:** ${f.cores} cores (${f.cpu}), ${f.memoryGiB} GiB RAM, ${f.os}; Node ${f.node}; nats-server ${f.natsServer}; \`ulimit -n\` ${f.fileLimit}.`,
    '',
    '| measure | result | target (issue #2) | met |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.measure} | ${row.result} | ${row.target} | ${row.met === null ? '' : row.met ? 'yes' : '**no**'} |`),
    '',
    ...cpuNote(r),
    '**Method.** Every server runs in its own Node process, bundled the way `dist/cli.js` is (tsup; the workspace packages inside, npm packages from node_modules), with its own nats-server (free port, temporary JetStream store) and a temporary libSQL file (WAL, `synchronous=NORMAL`); the load generator (plain `node:http` with keep-alive, and the agent\'s WebSocket) runs in the parent process on the same machine, so all of them share its cores. All traffic is on 127.0.0.1.',
    `Closed loop: ${o.connections} clients send back to back; a warm-up (3 s for the floor; for the full path 3 s at 300/s that opens every conversation, then 5 s at full load, because the JIT needs that long to reach pace), then ${o.durationMs / 1000} s counted. Open loop: requests are scheduled at a fixed rate regardless of answers and latency is taken from the *scheduled* send time, so queueing counts (no coordinated omission); 1 s warm-up.`,
    `Floor: Hono POST → one INSERT → one JetStream publish awaiting its ack → 200; "group commit" batches the INSERTs of one tick into one transaction. Full path: \`POST /plugins/channel-api/messages\` (unique ids over ${o.threads} threads/contacts) until the matching \`core.message.received.v1\` reaches one connected agent WebSocket; the full-path throughput counts only messages that reached that WebSocket inside the window. Idle memory: \`heapUsed + external\` of the server process after forced GCs, before and after opening the connections (hello sent, ready received), divided by their number.`,
    '',
  ];
  return lines.join('\n');
}

function cpuNote(r: BenchResults): string[] {
  const parts = Object.entries(r.cpu);
  if (parts.length === 0) return [];
  const busiest = Math.max(...parts.map(([, c]) => c.otherCores));
  const list = parts.map(([name, c]) => `${name}: bench ${c.benchCores.toFixed(2)}, other processes ${c.otherCores.toFixed(2)}`).join('; ');
  const warning =
    busiest > 0.15
      ? ` **Other processes used up to ${busiest.toFixed(2)} of the ${r.facts.cores} cores during this run, so the numbers above are lower than this machine gives on its own; run again on an idle machine for reference numbers.**`
      : '';
  return [`**CPU used (cores, averaged over each part):** ${list}.${warning}`, ''];
}
