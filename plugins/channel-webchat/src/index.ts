import { deliverCommandName } from '@switchboard/events';
import { createChannelAdapter, definePlugin } from '@switchboard/plugin-sdk';
import { bodyLimit } from 'hono/body-limit';
import pkg from '../package.json' with { type: 'json' };
import { WebchatConfigSchema } from './webchat-config';
import { CSAT_SUBMITTED_EVENT } from './webchat-csat';
import { createWebchatDeliver } from './webchat-deliver';
import { WebchatError, WebchatErrorCodes, errorToProblem } from './webchat-errors';
import { createWidgetRegistry, originGate, type WebchatEnv } from './webchat-guard';
import { MAX_JSON_BYTES } from './webchat-http';
import { parseIdentitySecrets } from './webchat-identity';
import { WEB_VISITOR_IDENTITY } from './webchat-inbound';
import { registerListeners } from './webchat-listeners';
import { createMessageRoutes } from './webchat-message-routes';
import { createMessageStore } from './webchat-message-store';
import { webchatMigrations } from './webchat-migrations';
import { createRateLimiter } from './webchat-rate-limit';
import type { WebchatRuntime } from './webchat-runtime';
import { createSessionRoutes } from './webchat-session-routes';
import { createStaticRoutes } from './webchat-static-routes';
import { createStreamHub } from './webchat-stream-hub';
import { createStreamRoutes } from './webchat-stream-routes';
import { createVisitorStore } from './webchat-visitor-store';
import { locateWidgetDist } from './webchat-widget-dist';
import { Hono } from 'hono';

export { WEBCHAT_LOCALES, DEFAULT_ATTACHMENT_TYPES, WebchatConfigSchema } from './webchat-config';
export type { WebchatConfig, WidgetConfig } from './webchat-config';
export { CSAT_SUBMITTED_EVENT, CsatSubmittedSchema } from './webchat-csat';
export type { CsatSubmitted } from './webchat-csat';
export { WebchatError, WebchatErrorCodes } from './webchat-errors';
export type { WebchatErrorCode } from './webchat-errors';
export { VISITOR_SIGNAL_SUBJECT } from './webchat-fanout';
export { computeUserHash, verifyUserHash, normalizeEmail } from './webchat-identity';
export { WEB_USER_IDENTITY, WEB_VISITOR_IDENTITY } from './webchat-inbound';
export { availabilityAt } from './webchat-hours';
export type { Availability } from './webchat-hours';
export type { WireMessage, WireAttachment } from './webchat-wire';
export { WIDGET_BUILD_COMMAND, locateWidgetDist } from './webchat-widget-dist';

const PLUGIN_ID = 'channel-webchat';
/** Streams one visitor may hold open on one server process (tabs); the oldest closes beyond. */
const MAX_STREAMS_PER_VISITOR = 5;

/**
 * Switchboard's own web chat: serves the customer widget (built by apps/widget), keeps visitor
 * sessions (anonymous, or verified by the site's HMAC user hash), records visitors' messages,
 * streams agents' replies over Server-Sent Events (fanned out through NATS, so any server process
 * may hold the stream), typing both ways, read receipts and ratings. PROTOCOL.md is the contract
 * with the widget; README.md lists every option.
 *
 * @example
 * // switchboard.config.yaml
 * // plugins:
 * //   channel-webchat:
 * //     options: { widgets: [{ id: main, siteKey: wk_3yB7kP2qR9sX5vN1, allowedOrigins: [https://shop.example.com] }] }
 * //     secrets: { identitySecrets: ${WEBCHAT_IDENTITY_SECRETS} }
 */
export default definePlugin({
  id: PLUGIN_ID,
  version: pkg.version,
  core: '^0.1.0',
  kind: 'channel',
  description: pkg.description,
  consumes: ['core.message.record_inbound.v1', 'core.message.update_delivery.v1', 'core.conversation.add_note.v1', 'core.contact.set_attributes.v1', 'core.conversation.status_changed.v1', 'core.conversation.read.v1'],
  produces: [deliverCommandName(PLUGIN_ID), CSAT_SUBMITTED_EVENT],
  config: WebchatConfigSchema,
  secrets: ['identitySecrets'],
  migrations: webchatMigrations,
  setup(ctx) {
    const widgetIds = ctx.config.widgets.map((w) => w.id);
    const { secrets, problems } = parseIdentitySecrets(ctx.secrets.identitySecrets, widgetIds);
    const unsigned = ctx.config.widgets.filter((w) => w.identity.required && !secrets.has(w.id)).map((w) => `widget ${w.id} has identity.required but no identity secret`);
    const all = [...problems.map((p) => p.message), ...unsigned];
    if (all.length > 0) {
      throw new WebchatError({ code: WebchatErrorCodes.CONFIG_INVALID, status: 500, message: `channel-webchat: secrets.identitySecrets: ${all.join('; ')}` });
    }
    const widgets = createWidgetRegistry(ctx.config.widgets);
    const hub = createStreamHub(MAX_STREAMS_PER_VISITOR);
    const partial = {
      config: ctx.config,
      widgets,
      identitySecrets: secrets,
      visitors: createVisitorStore(ctx.storage),
      messages: createMessageStore(ctx.storage),
      bus: ctx.bus,
      attachments: ctx.attachments,
      limiter: createRateLimiter(),
      hub,
      logger: ctx.logger,
      publicUrl: ctx.publicUrl,
      now: Date.now,
    };
    const channel = createChannelAdapter(ctx, {
      deliver: createWebchatDeliver(partial),
      accounts: ctx.config.widgets.map((w) => ({ id: w.id, label: `Web chat: ${w.name}`, identityType: WEB_VISITOR_IDENTITY, replyWindowHours: null })),
    });
    const runtime: WebchatRuntime = { ...partial, channel };
    registerListeners(runtime);

    const demoWidget = ctx.config.demo.enabled ? (widgets.byId(ctx.config.demo.widget ?? '') ?? ctx.config.widgets[0]!) : null;
    ctx.http.route('/', createStaticRoutes({ widgets, locateDist: locateWidgetDist, demoWidget, logger: ctx.logger }));

    const api = new Hono<WebchatEnv>();
    api.onError((err, c) => errorToProblem(err, c, ctx.logger));
    api.use('/v1/*', originGate({ widgets, limiter: runtime.limiter, config: ctx.config, publicUrl: ctx.publicUrl }));
    // Uploads have their own, per-widget limit; everything else is small JSON.
    const jsonLimit = bodyLimit({
      maxSize: MAX_JSON_BYTES,
      onError: () => {
        throw new WebchatError({ code: WebchatErrorCodes.BODY_TOO_LARGE, status: 413, message: `channel-webchat: the body is larger than ${MAX_JSON_BYTES} bytes` });
      },
    });
    api.use('/v1/*', (c, next) => (c.req.path.endsWith('/v1/uploads') ? next() : jsonLimit(c, next)));
    api.route('/', createSessionRoutes(runtime));
    api.route('/', createMessageRoutes(runtime));
    api.route('/', createStreamRoutes(runtime));
    api.all('/v1/*', () => {
      throw new WebchatError({ code: WebchatErrorCodes.NOT_FOUND, status: 404, message: 'channel-webchat: no such route of the visitor API (see PROTOCOL.md)' });
    });
    ctx.http.route('/', api);

    return {
      stop: async () => {
        // Visitors reconnect (EventSource does by itself) to a process that is still running.
        hub.closeAll();
      },
    };
  },
});
