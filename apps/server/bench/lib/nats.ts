import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { findNatsServerBinary, startNatsServer, type NatsServerProcess } from '@switchboard/core';
import { onCleanup } from './cleanup';
import { tempDir } from './temp-dir';

/**
 * A nats-server with JetStream of the bench's own: a free port and a temp store, never the one
 * that may already run on 4222. Stopped when the bench ends.
 *
 * @example
 * const nats = await benchNats('floor');
 */
export async function benchNats(label: string): Promise<NatsServerProcess> {
  const dir = tempDir(label);
  const nats = await startNatsServer({ storeDir: join(dir, 'nats') });
  const remove = onCleanup(() => nats.kill());
  return {
    ...nats,
    async stop() {
      await nats.stop();
      remove();
    },
  };
}

/** `nats-server --version`, e.g. `v2.9.10`. */
export function natsServerVersion(): string {
  try {
    return execFileSync(findNatsServerBinary(), ['--version'], { encoding: 'utf8' }).trim().replace(/^nats-server:\s*/, '');
  } catch {
    return 'unknown';
  }
}
