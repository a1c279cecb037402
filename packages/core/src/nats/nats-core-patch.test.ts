import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNats } from './connect-nats';
import { startNatsServer, type NatsServerProcess } from './nats-server-process';

// patches/@nats-io__nats-core@3.4.0.patch: an answered request used to build (and throw away) a
// RequestError with a stack trace, a few per cent of the server's time under load.
describe('@nats-io/nats-core as patched', () => {
  let dir: string;
  let nats: NatsServerProcess;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swb-nats-patch-'));
    nats = await startNatsServer({ storeDir: join(dir, 'nats') });
  });
  afterAll(async () => {
    await nats?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('builds no error for an answered request, and still one for an unanswered', async () => {
    const require = createRequire(import.meta.url);
    const errors = require(join(dirname(require.resolve('@nats-io/nats-core')), 'errors.js')) as { RequestError: new (...args: unknown[]) => Error };
    const Original = errors.RequestError;
    let built = 0;
    errors.RequestError = class extends Original {
      constructor(...args: unknown[]) {
        super(...args);
        built++;
      }
    };
    const nc = await connectNats({ servers: [nats.url] }, 'patch-test');
    try {
      nc.subscribe('echo', {
        callback: (_err, msg) => {
          msg.respond(msg.data);
        },
      });
      await nc.flush();
      for (let i = 0; i < 20; i++) expect((await nc.request('echo', `ping ${i}`, { timeout: 2000 })).string()).toBe(`ping ${i}`);
      expect(built).toBe(0);
      await expect(nc.request('nobody-listens', 'x', { timeout: 200 })).rejects.toThrow();
    } finally {
      errors.RequestError = Original;
      await nc.close();
    }
  });
});
