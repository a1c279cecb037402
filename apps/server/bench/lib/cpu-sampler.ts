import { readdirSync, readFileSync } from 'node:fs';

/** CPU the machine spent while sampling, split into this bench's processes and everything else. */
export type CpuShare = { seconds: number; benchCores: number; otherCores: number };

const TICK = 100; // USER_HZ on Linux

/**
 * Samples `/proc` once a second and attributes CPU time to the bench (this process and all its
 * descendants: servers, nats-servers) or to other processes. Other load on a shared machine makes
 * every number lower; the report says how much there was. Returns null off Linux.
 *
 * @example
 * const sampler = startCpuSampler();
 * // … run …
 * const share = sampler?.stop(); // { seconds: 12, benchCores: 1.7, otherCores: 0.1 }
 */
export function startCpuSampler(): { stop(): CpuShare } | null {
  if (process.platform !== 'linux') return null;
  const last = new Map<number, number>();
  let bench = 0;
  let other = 0;
  const started = Date.now();
  const sample = () => {
    const procs = readProcs();
    const ppid = new Map(procs.map((p) => [p.pid, p.ppid]));
    const isOurs = (pid: number) => {
      for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 64; p = ppid.get(p), hops++) if (p === process.pid) return true;
      return false;
    };
    for (const p of procs) {
      const previous = last.get(p.pid);
      last.set(p.pid, p.ticks);
      if (previous === undefined) continue;
      const delta = Math.max(0, p.ticks - previous);
      if (isOurs(p.pid)) bench += delta;
      else other += delta;
    }
  };
  sample();
  const timer = setInterval(sample, 1000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      const seconds = (Date.now() - started) / 1000;
      return { seconds, benchCores: bench / TICK / seconds, otherCores: other / TICK / seconds };
    },
  };
}

function readProcs(): Array<{ pid: number; ppid: number; ticks: number }> {
  const out: Array<{ pid: number; ppid: number; ticks: number }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name, which may itself contain spaces and parentheses.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return out;
}
