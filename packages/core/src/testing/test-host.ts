import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/nats-core';
import { CloudEventSchema, EVENT_SUBJECT_PREFIX, type CloudEvent } from '@switchboard/events';
import { createBus, type BusRuntime } from '@switchboard/plugin-sdk';
import type { TestHost, TestHostOptions } from '@switchboard/plugin-sdk/testing';
import { pino } from 'pino';
import * as v from 'valibot';
import { AttachmentsConfigSchema } from '../attachments';
import { connectNats } from '../nats/connect-nats';
import { freePort, startNatsServer } from '../nats/nats-server-process';
import { createSwitchboard, type Switchboard } from '../switchboard';

const ADMIN = { email: 'admin@example.com', password: 'test-admin-password' };

/** The core's test host: the SDK's, plus what only the core's own tests need. */
export type CoreTestHost = TestHost & {
  /** The libSQL URL of the host's database file, for tests that seed or inspect rows directly. */
  databaseUrl: string;
};

/**
 * The implementation behind `@switchboard/plugin-sdk/testing`: a real core on a real nats-server
 * and a temporary libSQL file. Logs go to stderr at `error` unless the options ask for more.
 *
 * @example
 * const host = await startTestHost({ plugins: [{ definition: plugin, options: {...}, secrets: {...} }] });
 */
export async function startTestHost(options: TestHostOptions = {}): Promise<CoreTestHost> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-test-'));
  const nats = await startNatsServer({ storeDir: join(dir, 'nats') });
  const port = await freePort();
  const databaseUrl = `file:${join(dir, 'switchboard.db')}`;
  const logger = pino({ level: options.logLevel ?? 'error' }, pino.destination(2));
  const makeSwitchboard = () =>
    createSwitchboard({
      database: { url: databaseUrl },
      nats: { servers: [nats.url] },
      http: { port, host: '127.0.0.1' },
      dataDir: dir,
      inboxDir: options.inboxDir,
      attachments: v.parse(AttachmentsConfigSchema, {}),
      auth: { bootstrapAdmin: ADMIN, sessionTtlHours: 12 },
      delivery: { maxAttempts: options.delivery?.maxAttempts ?? 4, backoffMs: options.delivery?.backoffMs ?? [100, 200, 400] },
      plugins: (options.plugins ?? []).map((p) => ({ definition: p.definition, options: p.options ?? {}, secrets: p.secrets ?? {} })),
      logger,
    });

  let sb: Switchboard = makeSwitchboard();
  let url: string;
  try {
    ({ url } = await sb.start());
  } catch (err) {
    // A host that cannot start (a plugin's config error, say) must not leave its nats-server behind.
    await sb.stop().catch(() => undefined);
    await nats.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }

  const seen: CloudEvent[] = [];
  const waiters = new Set<() => void>();
  let nc: NatsConnection = await connectNats({ servers: [nats.url] }, 'switchboard-test');
  const watch = (conn: NatsConnection) =>
    conn.subscribe(`${EVENT_SUBJECT_PREFIX}>`, {
      callback: (err, msg) => {
        if (err) return;
        const parsed = v.safeParse(CloudEventSchema, msg.json());
        if (!parsed.success) return;
        // The relay may republish after a restart; JetStream drops those, core NATS does not.
        if (seen.some((e) => e.id === parsed.output.id)) return;
        seen.push(parsed.output as CloudEvent);
        for (const w of waiters) w();
      },
    });
  watch(nc);
  const bus: BusRuntime = createBus({ nc, owner: 'test', logger: logger as never });
  await bus.start();

  const login = async (): Promise<string> => {
    const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    if (!res.ok) throw new Error(`test host: admin login failed with ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  };
  const host: CoreTestHost = {
    url,
    databaseUrl,
    natsUrl: nats.url,
    adminToken: await login(),
    request(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${host.adminToken}`);
      if (init.body && typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return fetch(`${url}${path}`, { ...init, headers });
    },
    bus,
    waitForEvent(type, predicate, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = seen.find((e) => e.type === type && (!predicate || predicate(e as never)));
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found as never);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`test host: no ${type} event within ${timeoutMs} ms (saw: ${seen.map((e) => e.type).join(', ') || 'nothing'})`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    events: () => [...seen],
    async restart() {
      await sb.stop();
      sb = makeSwitchboard();
      await sb.start();
    },
    async natsDown() {
      await nats.kill();
    },
    async natsUp() {
      await nats.restart();
    },
    async stop() {
      await bus.stop();
      await nc.drain().catch(() => undefined);
      await sb.stop();
      await nats.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return host;
}
