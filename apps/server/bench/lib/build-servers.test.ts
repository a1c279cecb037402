import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inboundBody } from '../scenarios/bench-options';
import { BENCH_BUILD_DIR, buildBenchServers } from './build-servers';
import { startChildServer } from './child-server';
import { cleanupAll } from './cleanup';
import { benchNats } from './nats';
import { tempDir } from './temp-dir';

describe('the bench runs the servers under test bundled like dist/cli.js', () => {
  afterAll(() => cleanupAll());

  it('bundles every server and the writer entry, with the workspace packages inside', async () => {
    await buildBenchServers();
    const files = readdirSync(BENCH_BUILD_DIR);
    for (const name of ['floor-server.js', 'switchboard-server.js', 'bare-ws-server.js', 'core-writer.js']) expect(files).toContain(name);
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(BENCH_BUILD_DIR, file), 'utf8');
      expect(code, file).not.toMatch(/from ["']@switchboard\//);
      // No keep-names helper: tsx's transform adds one call per function created.
      expect(code, file).not.toMatch(/__name\(/);
    }
  });

  it('starts the bundled Switchboard server, whose writer thread runs from the bundled entry', async () => {
    const nats = await benchNats('build-test');
    const server = await startChildServer<{ url: string; adminToken: string }>('switchboard-server.ts', {
      DATA_DIR: tempDir('build-test'),
      NATS_URL: nats.url,
      INBOUND_TOKEN: 'build-test-token',
    });
    try {
      // Recording a message needs the writer thread: it answers the channel's command request.
      const res = await fetch(`${server.info.url}/plugins/channel-api/messages`, {
        method: 'POST',
        headers: { authorization: 'Bearer build-test-token', 'content-type': 'application/json' },
        body: inboundBody('build-test', 1, 1).body,
      });
      expect(res.status, await res.text()).toBe(202);
    } finally {
      await server.stop();
      await nats.stop();
    }
  });
});
