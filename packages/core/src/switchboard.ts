import { IncomingMessage, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Client, InStatement } from '@libsql/client';
import { serve, type HttpBindings, type Http2Bindings } from '@hono/node-server';
import type { NatsConnection } from '@nats-io/nats-core';
import { createBus, type BusRuntime, type Logger } from '@switchboard/plugin-sdk';
import { eq } from 'drizzle-orm';
import type { Hono } from 'hono';
import type { ApiEnv } from './api/api-route';
import { createHttpApp } from './api/create-http-app';
import { withNodeRequestBody } from './api/node-request-body';
import { createMetrics } from './api/metrics';
import { createAttachmentRoutes, createAttachmentService, createBlobStoreFromConfig, type AttachmentService } from './attachments';
import { createAuthService } from './auth/auth-service';
import { migrateCore } from './db/migrate';
import { openDatabase, type DatabaseHandle } from './db/open-database';
import { rawTransaction } from './db/raw-transaction';
import { settings } from './db/schema';
import { createWriteQueue, type WriteQueue } from './db/write-queue';
import { createWriterLock } from './db/writer-lock';
import { startWalCheckpointer, type WalCheckpointer } from './db/wal-checkpointer';
import { CoreError, CoreErrorCodes } from './errors';
import { createChannelCatalog } from './host/channel-catalog';
import { checkPlugins, formatConfigProblems } from './host/plugin-config-check';
import { createPluginHost, type PluginHost } from './host/plugin-host';
import { connectNats } from './nats/connect-nats';
import { ensureStreams } from './nats/streams';
import { createOutboundDispatcher } from './outbox/outbound-dispatcher';
import { createOutboxRelay, type OutboxRelay } from './outbox/outbox-relay';
import { createRealtimeHub, type RealtimeHub } from './realtime/realtime-hub';
import type { SwitchboardOptions } from './switchboard-options';
import { CORE_VERSION } from './version';
import { startCoreWriter, type CoreWriterThread } from './writer/core-writer-thread';

/** What `start` reports. */
export type StartResult = { url: string; port: number; bootstrapAdmin: { email: string; password: string } | null };

/**
 * The core, composed: database and migrations, NATS streams, the core writer thread (the core's
 * commands with their own write queue; see runCoreWriter), this thread's write queue and the
 * outbox relay, the outbound dispatcher, auth, attachments, the plugin host, the HTTP API and the
 * realtime hub. `apps/server` builds the options from the config file; tests build them directly.
 *
 * @example
 * const sb = createSwitchboard(options);
 * const { url } = await sb.start();
 * // …
 * await sb.stop();
 */
export function createSwitchboard(options: SwitchboardOptions) {
  const logger = options.logger as unknown as Logger;
  let dbh: DatabaseHandle | null = null;
  let nc: NatsConnection | null = null;
  let queue: WriteQueue | null = null;
  let writer: CoreWriterThread | null = null;
  let relay: OutboxRelay | null = null;
  let checkpointer: WalCheckpointer | null = null;
  let host: PluginHost | null = null;
  let hub: RealtimeHub | null = null;
  let coreBus: BusRuntime | null = null;
  let server: Server | null = null;
  let attachments: AttachmentService | null = null;
  let app: Hono | null = null;
  let started = false;

  async function readiness() {
    const checks: Record<string, string> = {};
    try {
      await dbh?.client.execute('SELECT 1');
      checks.database = dbh ? 'ok' : 'not open';
    } catch (err) {
      checks.database = `error: ${(err as Error).message}`;
    }
    checks.nats = nc && !nc.isClosed() && nc.info ? 'ok' : 'disconnected';
    checks.writer = writer?.alive() ? 'ok' : 'stopped';
    if (nc) {
      try {
        await nc.flush();
      } catch {
        checks.nats = 'disconnected';
      }
    }
    for (const p of host?.status() ?? []) checks[`plugin:${p.id}`] = p.state;
    const ready = started && checks.database === 'ok' && checks.nats === 'ok' && checks.writer === 'ok' && (host?.status() ?? []).every((p) => p.state === 'started');
    return { ready, checks };
  }

  async function start(): Promise<StartResult> {
    const problems = checkPlugins(options.plugins, CORE_VERSION);
    if (problems.length > 0) {
      throw new CoreError({ code: CoreErrorCodes.CONFIG_INVALID, message: `the configuration has ${problems.length} problem(s):\n${formatConfigProblems(problems)}`, details: problems });
    }
    dbh = await openDatabase(options.database);
    await migrateCore(dbh.client);
    nc = await connectNats(options.nats, 'switchboard-core');
    await ensureStreams(nc);
    const metrics = createMetrics({ realtimeConnections: () => hub?.connectionCount() ?? 0, outboxBacklog: async () => (await relay?.backlog()) ?? 0 });
    const currentRelay = () => relay;
    // The core's commands run in a thread of their own (see runCoreWriter); this thread's writes
    // (the REST API's, plugins' storage, the relay's marks) share the database's write lock with it,
    // and so does the checkpointer's last pass.
    const lock = createWriterLock();
    if (dbh.path) checkpointer = startWalCheckpointer({ path: dbh.path, lock: lock.buffer, logger: logger.child({ component: 'wal-checkpointer' }) });
    writer = await startCoreWriter({
      data: { database: options.database, nats: options.nats, lock: lock.buffer, logLevel: options.logger.level },
      logger,
      entry: options.writerEntry,
      onCommit: () => currentRelay()?.wake(),
      onExit: () => lock.abandon(),
    });
    queue = createWriteQueue({ db: dbh.db, client: dbh.client, local: dbh.local, lock, onCommit: () => currentRelay()?.wake() });
    const signingKey = options.auth.signingKey ?? (await loadOrCreateSecret(dbh, queue, 'attachments.signing_key'));
    const publicUrl = (options.http.publicUrl ?? `http://${options.http.host === '0.0.0.0' ? '127.0.0.1' : options.http.host}:${options.http.port}`).replace(/\/$/, '');
    attachments = createAttachmentService({
      db: writeRoutedClient(dbh.client, queue),
      blobs: createBlobStoreFromConfig(options.attachments, options.dataDir),
      config: options.attachments,
      signingKey,
      publicUrl,
    });
    const auth = createAuthService({ db: dbh.db, queue, sessionTtlHours: options.auth.sessionTtlHours });
    const bootstrapAdmin = options.auth.bootstrapAdmin ? await auth.bootstrapAdmin(options.auth.bootstrapAdmin) : null;

    coreBus = createBus({ nc, owner: 'core', logger: logger.child({ component: 'core-bus' }) });
    createOutboundDispatcher({
      bus: coreBus,
      db: dbh.db,
      queue,
      attachments,
      logger,
      maxAttempts: options.delivery?.maxAttempts ?? 6,
      backoffMs: options.delivery?.backoffMs ?? [1000, 5000, 30_000, 120_000, 600_000],
    });

    const routesOfAttachments = createAttachmentRoutes(attachments, { maxBytes: options.attachments.maxBytes }) as unknown as Hono<ApiEnv>;
    const rootApp = createHttpApp({
      db: dbh.db,
      queue,
      auth,
      metrics,
      logger,
      mounts: [{ path: '/attachments', app: routesOfAttachments }],
      readiness,
      inboxDir: options.inboxDir,
      pluginStatus: () => host?.status() ?? [],
      pluginDefinitions: () => host?.definitions() ?? [],
      catalog: createChannelCatalog({ bus: coreBus, definitions: () => host?.definitions() ?? [], logger: logger.child({ component: 'channel-catalog' }) }),
      signal: (subject, data) => nc?.publish(subject, JSON.stringify(data)),
    });
    app = rootApp;
    host = createPluginHost({ entries: options.plugins, nc, client: dbh.client, queue, app: rootApp, logger, attachments, publicUrl });
    await host.setup();
    await host.migrate();

    hub = createRealtimeHub({ nc, logger: logger.child({ component: 'realtime' }), authenticate: (t) => auth.authenticate(t) });
    relay = createOutboxRelay({ client: dbh.client, queue, nc, logger: logger.child({ component: 'outbox' }), onPublished: (n) => metrics.eventsPublished.inc(n) });
    await coreBus.start();
    await host.start();
    await hub.start();
    relay.start();

    server = await new Promise<Server>((resolve, reject) => {
      const fetch = (req: Request, env: HttpBindings | Http2Bindings) => rootApp.fetch(withNodeRequestBody(req, 'incoming' in env && env.incoming instanceof IncomingMessage ? env.incoming : undefined), env);
      const s = serve({ fetch, port: options.http.port, hostname: options.http.host }, () => resolve(s as Server)) as Server;
      s.once('error', reject);
    });
    hub.attach(server);
    started = true;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.http.port;
    return { url: `http://${options.http.host === '0.0.0.0' ? '127.0.0.1' : options.http.host}:${port}`, port, bootstrapAdmin };
  }

  async function stop(): Promise<void> {
    started = false;
    const closing = server ? new Promise<void>((resolve) => server!.close(() => resolve())) : Promise.resolve();
    server?.closeAllConnections?.();
    await hub?.stop();
    await closing;
    // The core's consumers first: in-flight deliveries finish while their channel plugins still
    // run, so a restart never cuts a send short (which would make the receiver see it twice).
    await coreBus?.stop();
    await writer?.stopCommands();
    await host?.stop();
    await writer?.stop();
    await queue?.idle();
    if (relay && nc && !nc.isClosed()) {
      await Promise.race([relay.flushed(), new Promise((r) => setTimeout(r, 2000))]);
    }
    await relay?.stop();
    await checkpointer?.stop();
    await nc?.drain().catch(() => undefined);
    dbh?.close();
  }

  return {
    start,
    stop,
    /** The HTTP app (after start), for in-process requests in tests. */
    app: () => app,
    /** Waits until every committed event has been published (tests, benchmarks). */
    flushed: () => relay?.flushed() ?? Promise.resolve(),
  };
}

/** A composed core. */
export type Switchboard = ReturnType<typeof createSwitchboard>;

async function loadOrCreateSecret(dbh: DatabaseHandle, queue: WriteQueue, key: string): Promise<string> {
  const [row] = await dbh.db.select().from(settings).where(eq(settings.key, key));
  if (row) return row.value;
  const value = randomBytes(32).toString('base64url');
  await queue.write((tx) => tx.insert(settings).values({ key, value }).onConflictDoNothing());
  const [stored] = await dbh.db.select().from(settings).where(eq(settings.key, key));
  return stored?.value ?? value;
}

/** A libSQL client whose writes join this thread's group-commit queue. */
function writeRoutedClient(client: Client, queue: WriteQueue): Client {
  const isRead = (sql: string) => /^\s*(select|with)\b/i.test(sql);
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'execute') {
        return (stmt: InStatement) => {
          const sql = typeof stmt === 'string' ? stmt : (stmt as { sql: string }).sql;
          return isRead(sql) ? target.execute(stmt) : queue.write((tx) => rawTransaction(tx).execute(stmt));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}
