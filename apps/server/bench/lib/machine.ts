import { execFileSync } from 'node:child_process';
import { cpus, totalmem, release, platform } from 'node:os';
import { natsServerVersion } from './nats';

/** The facts about this machine a result is meaningless without. */
export type MachineFacts = { cores: number; cpu: string; memoryGiB: number; os: string; node: string; natsServer: string; fileLimit: string };

/**
 * Collects the machine facts printed above every result table.
 *
 * @example
 * const facts = machineFacts();
 */
export function machineFacts(): MachineFacts {
  const list = cpus();
  return {
    cores: list.length,
    cpu: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    natsServer: natsServerVersion(),
    fileLimit: fileLimit(),
  };
}

function fileLimit(): string {
  try {
    return execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
