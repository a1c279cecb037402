import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNatsServerBinary, startNatsServer } from './nats-server-process';

describe('nats-server process', () => {
  it('names the install command when the binary is missing', () => {
    expect(() => findNatsServerBinary('/nonexistent/nats-server')).toThrow(/apt-get install -y nats-server/);
    try {
      findNatsServerBinary('/nonexistent/nats-server');
    } catch (err) {
      expect((err as { code: string }).code).toBe('SWB_ERR_NATS_BINARY_MISSING');
    }
  });

  it('starts with JetStream on a free port, survives a kill and restart, and stops', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'swb-nats-'));
    const nats = await startNatsServer({ storeDir: dir });
    expect(nats.url).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
    expect(nats.port).not.toBe(4222);
    await nats.kill();
    await nats.restart();
    await nats.stop();
    await rm(dir, { recursive: true, force: true });
  });
});
