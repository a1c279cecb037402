import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNats } from './connect-nats';
import { startNatsServer, type NatsServerProcess } from './nats-server-process';

// patches/@nats-io__nats-core@3.4.0.patch: an answered request used to build (and throw away) a
// RequestError with a stack trace, a few per cent of the server's time under load; and commands
// were written to the socket after every task (one write per HTTP request on a busy server, the
// main thread's largest single cost), now once per turn of the event loop.
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

  it('writes the commands of every task of one event-loop turn to the socket at once', async () => {
    const nc = await connectNats({ servers: [nats.url] }, 'patch-test');
    const { received, close } = await listen('turn.>');
    try {
      const transport = (nc as unknown as { protocol: { transport: { send(frame: Uint8Array): void } } }).protocol.transport;
      const send = transport.send.bind(transport);
      let writes = 0;
      transport.send = (frame) => {
        writes++;
        send(frame);
      };
      // Ten timers due together: ten tasks of one turn, each publishing (as ten HTTP requests would).
      await new Promise<void>((resolve) => {
        for (let i = 0; i < 10; i++) setTimeout(() => nc.publish(`turn.${i}`, `m${i}`), 0);
        setTimeout(resolve, 0);
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(writes).toBe(1);
      await expect.poll(() => received.length).toBe(10);
      expect(received).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
    } finally {
      await nc.close();
      await close();
    }
  });

  // Upstream dropped these too (close() did not wait for the microtask's flush).
  it('sends what was published just before close()', async () => {
    const nc = await connectNats({ servers: [nats.url] }, 'patch-test');
    const { received, close } = await listen('last.words');
    try {
      nc.publish('last.words', 'goodbye');
      await nc.close();
      await expect.poll(() => received).toEqual(['goodbye']);
    } finally {
      await close();
    }
  });

  /** A second connection collecting what arrives on `subject`, subscribed once this resolves. */
  async function listen(subject: string): Promise<{ received: string[]; close: () => Promise<void> }> {
    const listener = await connectNats({ servers: [nats.url] }, 'patch-test-listener');
    const received: string[] = [];
    listener.subscribe(subject, { callback: (_err, msg) => void received.push(msg.string()) });
    await listener.flush();
    return { received, close: () => listener.close() };
  }
});
