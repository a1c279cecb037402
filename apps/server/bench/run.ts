// `pnpm bench`: measures the numbers of issue #2 on this machine, prints them as a markdown table
// and writes them to bench/results.md. Flags: --only=floor,full,idle --duration=<s> --rate=<n>
// --floor-rate=<n> --connections=<n> --threads=<n> --idle=<n>.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanupAll } from './lib/cleanup';
import { startCpuSampler } from './lib/cpu-sampler';
import { machineFacts } from './lib/machine';
import { renderMarkdown, type BenchResults } from './lib/report';
import { defaultBenchOptions, type BenchOptions } from './scenarios/bench-options';
import { benchFloor } from './scenarios/floor';
import { benchFullPath } from './scenarios/full-path';
import { benchIdleConnections } from './scenarios/idle-connections';

const flags = parseFlags(process.argv.slice(2));
const options: BenchOptions = {
  durationMs: number(flags.duration, defaultBenchOptions.durationMs / 1000) * 1000,
  connections: number(flags.connections, defaultBenchOptions.connections),
  rate: number(flags.rate, defaultBenchOptions.rate),
  floorRate: number(flags['floor-rate'], defaultBenchOptions.floorRate),
  threads: number(flags.threads, defaultBenchOptions.threads),
  idleConnections: number(flags.idle, defaultBenchOptions.idleConnections),
};
const only = new Set((flags.only ?? 'floor,full,idle').split(','));
const outFile = join(dirname(fileURLToPath(import.meta.url)), 'results.md');

const started = Date.now();
const results: BenchResults = { startedAt: new Date().toISOString(), seconds: 0, facts: machineFacts(), options, floor: null, floorGroup: null, full: null, idle: null, cpu: {} };
/** Runs one part of the bench and notes how busy the machine was meanwhile. */
async function part<T>(name: string, run: () => Promise<T>): Promise<T> {
  const sampler = startCpuSampler();
  try {
    return await run();
  } finally {
    const share = sampler?.stop();
    if (share) results.cpu[name] = share;
  }
}
const step = (what: string) => console.error(`bench: ${what}… (${Math.round((Date.now() - started) / 1000)} s)`);

try {
  if (only.has('floor')) {
    step('bare floor');
    results.floor = await part('bare floor', () => benchFloor('direct', options, [...new Set([options.rate, options.floorRate])]));
    step(`bare floor: ${Math.round(results.floor.closed.throughput)} msg/s; with group commit`);
    results.floorGroup = await part('floor with group commit', () => benchFloor('group', options, [options.rate]));
    step(`bare floor with group commit: ${Math.round(results.floorGroup.closed.throughput)} msg/s`);
  }
  if (only.has('full')) {
    step('Switchboard full path');
    results.full = await part('full path', () => benchFullPath(options));
    step(`full path: ${Math.round(results.full.closed.throughput)} msg/s to the agent`);
  }
  if (only.has('idle')) {
    step(`idle realtime connections (${options.idleConnections})`);
    results.idle = await part('idle connections', () => benchIdleConnections(options.idleConnections));
  }
  results.seconds = (Date.now() - started) / 1000;
  const markdown = renderMarkdown(results);
  writeFileSync(outFile, markdown);
  console.log(markdown);
  console.error(`bench: written to ${outFile}`);
} catch (err) {
  console.error('bench failed:', err);
  process.exitCode = 1;
} finally {
  await cleanupAll();
}

function parseFlags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const arg of argv) {
    if (arg === '--') continue;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`bench: unknown argument ${arg}; use --only=floor,full,idle --duration=<s> --rate=<n> --floor-rate=<n> --connections=<n> --threads=<n> --idle=<n>`);
    out[m[1]!] = m[2] ?? 'true';
  }
  return out;
}

function number(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`bench: expected a positive number, got ${value}`);
  return n;
}
