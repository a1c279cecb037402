import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNatsServer } from '@switchboard/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeRegistry } from '../testing/fake-plugins';
import { createMemoryIo } from '../testing/memory-io';
import { freeTcpPort, startNatsWithoutJetStream } from '../testing/nats-without-jetstream';
import { runDoctor } from './doctor-command';

let dir: string;
let nats: Awaited<ReturnType<typeof startNatsServer>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-doctor-test-'));
  nats = await startNatsServer({ storeDir: join(dir, 'nats-store') });
});
afterAll(async () => {
  await nats?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function doctor(name: string, yaml: string) {
  const cwd = join(dir, name);
  await mkdir(cwd, { recursive: true });
  await writeFile(join(cwd, 'switchboard.config.yaml'), yaml);
  const io = createMemoryIo({ cwd, registry: fakeRegistry });
  const code = await runDoctor(io, {});
  return { code, out: io.stdout.join('\n') };
}

describe('switchboard doctor', () => {
  it('passes against a reachable NATS with JetStream and a libSQL file', async () => {
    const { code, out } = await doctor('healthy', `nats:\n  url: ${nats.url}\ndatabase:\n  url: file:./db/switchboard.db\n`);
    expect(out).toMatch(/^✓ config: valid/m);
    expect(out).toMatch(/^✓ data directory: .* is writable$/m);
    expect(out).toMatch(/^✓ database: file:.*switchboard\.db answers$/m);
    expect(out).toMatch(new RegExp(`^✓ NATS: ${nats.url} answers \\(server .*, JetStream on\\)$`, 'm'));
    expect(out).toContain('All checks passed.');
    expect(code).toBe(0);
  });

  it('checks that an embedded nats-server can start when no NATS URL is configured', async () => {
    const { code, out } = await doctor('embedded', 'server:\n  port: 0\n');
    expect(out).toMatch(/^✓ NATS \(embedded\): .*nats-server starts with JetStream/m);
    expect(code).toBe(0);
  });

  it('fails when NATS is unreachable', async () => {
    const port = await freeTcpPort();
    const { code, out } = await doctor('unreachable', `nats:\n  url: nats://127.0.0.1:${port}\n`);
    expect(out).toMatch(/^✓ database:/m);
    expect(out).toMatch(new RegExp(`^✗ NATS: nats://127.0.0.1:${port}: `, 'm'));
    expect(out).toContain('1 of 4 checks failed.');
    expect(code).toBe(1);
  });

  it('fails when NATS runs without JetStream', async () => {
    const plain = await startNatsWithoutJetStream();
    try {
      const { code, out } = await doctor('no-jetstream', `nats:\n  url: ${plain.url}\n`);
      expect(out).toMatch(/^✗ NATS: .*JetStream is off; start nats-server with -js$/m);
      expect(code).toBe(1);
    } finally {
      await plain.stop();
    }
  });

  it('fails with every config problem listed, and skips the rest', async () => {
    const { code, out } = await doctor('bad-config', 'server:\n  port: nope\nplugins:\n  future-crm:\n    options: { endpoint: x }\n');
    expect(out).toMatch(/^✗ config: 3 problem\(s\)/m);
    expect(out).toContain('server.port');
    expect(out).toContain('plugin future-crm, core');
    expect(out).toContain('plugin future-crm, secrets.apiToken');
    expect(out).not.toMatch(/database/);
    expect(code).toBe(1);
  });
});
