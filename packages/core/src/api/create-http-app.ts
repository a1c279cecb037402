import type { AnyPluginDefinition, Logger } from '@switchboard/plugin-sdk';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import type { AuthService } from '../auth/auth-service';
import type { Database } from '../db/open-database';
import type { WriteQueue } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';
import type { ChannelCatalog } from '../host/channel-catalog';
import type { PluginHost } from '../host/plugin-host';
import { CORE_VERSION } from '../version';
import { createApiDocs } from './api-docs';
import { createStaticApp } from './static-app';
import { createApiRouter, type ApiEnv } from './api-route';
import { IdParamSchema } from './api-schemas';
import type { Metrics } from './metrics';
import { problemResponse } from './problem';
import { registerAdminRoutes } from './routes-admin';
import { registerAuthRoutes } from './routes-auth';
import { registerContactRoutes } from './routes-contacts';
import { registerTriageRoutes } from './routes-conversation-triage';
import { registerLegRoutes } from './routes-conversation-legs';
import { registerConversationRoutes } from './routes-conversations';
import { registerInboxRoutes } from './routes-inbox';
import { registerTeamRoutes } from './routes-teams';

/** What the HTTP app needs. */
export type HttpAppDeps = {
  db: Database;
  queue: WriteQueue;
  auth: AuthService;
  /** The plugins' lifecycle states. */
  pluginStatus: PluginHost['status'];
  /** The loaded plugins' definitions (composer actions). */
  pluginDefinitions: () => AnyPluginDefinition[];
  /** Channels' accounts and reply windows, as they describe them over the bus. */
  catalog: ChannelCatalog;
  /** Publishes an ephemeral signal on core NATS (typing): never stored, never sequenced. */
  signal: (subject: string, data: unknown) => void;
  metrics: Metrics;
  logger: Logger;
  /** Extra API sub-apps mounted under /api/v1 (attachments). */
  mounts: Array<{ path: string; app: Hono<ApiEnv> }>;
  /** `/readyz`: database and NATS reachable, plugins started. */
  readiness(): Promise<{ ready: boolean; checks: Record<string, string> }>;
  /** The built agent inbox, served at `/`; without it `/` redirects to the API docs. */
  inboxDir?: string | undefined;
  /** Largest JSON body the API accepts. */
  maxJsonBytes?: number;
};

/**
 * The root HTTP app: health, metrics, REST API v1 with its OpenAPI document and docs, and the
 * mount point for plugin routes (`/plugins/<id>/`, added by the plugin host).
 *
 * @example
 * const app = createHttpApp(deps);
 * serve({ fetch: app.fetch, port: 3000 });
 */
export function createHttpApp(deps: HttpAppDeps): Hono {
  const app = new Hono();
  app.onError((err, c) => problemResponse(c, err, deps.logger));
  app.notFound((c) => problemResponse(c, new CoreError({ code: CoreErrorCodes.NOT_FOUND, message: `no route for ${c.req.method} ${c.req.path}`, status: 404 })));

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const route = routePath(c) || 'unmatched';
    deps.metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    deps.metrics.httpDuration.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
  });

  app.get('/healthz', (c) => c.json({ status: 'ok', version: CORE_VERSION }));
  app.get('/readyz', async (c) => {
    const result = await deps.readiness();
    return c.json({ status: result.ready ? 'ready' : 'not ready', checks: result.checks }, result.ready ? 200 : 503);
  });
  app.get('/metrics', async (c) => c.body(await deps.metrics.registry.metrics(), 200, { 'content-type': deps.metrics.registry.contentType }));

  const api = new Hono<ApiEnv>();
  api.onError((err, c) => problemResponse(c, err, deps.logger));
  const maxJson = deps.maxJsonBytes ?? 1024 * 1024;
  const jsonLimit = bodyLimit({
    maxSize: maxJson,
    onError: () => {
      throw new CoreError({ code: CoreErrorCodes.BODY_TOO_LARGE, message: `the request body is larger than ${maxJson} bytes`, status: 413 });
    },
  });
  // Uploads have their own, larger limit (the attachments config); everything else is JSON.
  const uploadPaths = deps.mounts.map((m) => `/api/v1${m.path}`);
  api.use('*', (c, next) => (uploadPaths.some((p) => c.req.path.startsWith(p)) ? next() : jsonLimit(c, next)));
  api.use('*', async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const principal = match?.[1] ? await deps.auth.authenticate(match[1]) : null;
      if (!principal) {
        throw new CoreError({ code: CoreErrorCodes.UNAUTHENTICATED, message: 'the bearer token is malformed, unknown, expired or revoked', status: 401 });
      }
      c.set('principal', principal);
    }
    await next();
  });
  const router = createApiRouter(api);
  const { db, queue } = deps;
  registerAuthRoutes(router, deps.auth);
  // Before the conversation routes: /conversations/counts is not a conversation id.
  registerInboxRoutes(router, { db, pluginStatus: () => deps.pluginStatus(), pluginDefinitions: () => deps.pluginDefinitions() });
  registerConversationRoutes(router, { db, queue, catalog: deps.catalog });
  registerLegRoutes(router, { db, queue, catalog: deps.catalog });
  registerTriageRoutes(router, { db, queue, signal: (subject, data) => deps.signal(subject, data) });
  registerContactRoutes(router, { db, queue });
  registerTeamRoutes(router, { db, queue });
  registerAdminRoutes(router, { auth: deps.auth, pluginStatus: () => deps.pluginStatus() });
  for (const mount of deps.mounts) api.route(mount.path, mount.app);
  documentServedElsewhere(router);
  api.get('/openapi.json', (c) => c.json(router.openApiDocument({ title: 'Switchboard API', version: CORE_VERSION })));
  app.route('/api/v1', api);
  app.route('/api/docs', createApiDocs('/api/v1/openapi.json'));
  if (deps.inboxDir) app.route('/', createStaticApp(deps.inboxDir));
  // Without a built inbox, the front door leads to the API docs.
  else app.get('/', (c) => c.redirect('/api/docs', 302));
  return app;
}

function documentServedElsewhere(router: ReturnType<typeof createApiRouter>): void {
  router.document({
    method: 'post',
    path: '/attachments',
    summary: 'Upload a file (multipart field `file`); its type is sniffed from the bytes and checked against the allowed types and size',
    tags: ['attachments'],
    auth: 'any',
    requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } } } },
    responses: { 201: { description: 'stored: { id, name, contentType, size }' } },
  });
  router.document({
    method: 'get',
    path: '/attachments/:id',
    summary: 'Attachment metadata with a short-lived signed download URL',
    tags: ['attachments'],
    auth: 'any',
    params: IdParamSchema,
    responses: { 200: { description: 'metadata and url' } },
  });
  router.document({
    method: 'get',
    path: '/attachments/:id/content',
    summary: 'Download the bytes: with a bearer token, or with the expires and sig query of a signed URL',
    tags: ['attachments'],
    auth: 'none',
    params: IdParamSchema,
    responses: { 200: { description: 'the file' } },
  });
  router.document({
    method: 'get',
    path: '/realtime',
    summary:
      'WebSocket upgrade for agents. Send {"type":"hello","token":"…","after":<last seq>}; receive {"type":"event","seq":N,"event":<CloudEvent>}, then {"type":"ready","head":N}; a reconnect with the last seq gets exactly the missed events. ' +
      'Ephemeral frames carry no seq, are never replayed and never affect resume: {"type":"typing","conversationId":"…","actor":{"kind":"agent"|"token"|"contact"|…,"id":"…","name":"…"|null},"typing":true|false} when someone else starts or stops typing (POST /conversations/{id}/typing, or a channel for its customer)',
    tags: ['realtime'],
    auth: 'none',
    responses: { 101: { description: 'switching protocols' } },
  });
}
