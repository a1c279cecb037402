import type { Logger, PluginBus } from '@switchboard/plugin-sdk';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import { MessengerErrorCodes, problem } from './messenger-errors';
import { SIGNATURE_HEADER, hubChallenge, verifyHubSignature } from './messenger-signature';

/** The event a verified webhook becomes: durable in JetStream before Meta gets its 200. */
export const WEBHOOK_RECEIVED_EVENT = 'channel-messenger.webhook.received.v1';

/** Data of {@link WEBHOOK_RECEIVED_EVENT}: the body exactly as Meta signed it. */
export const WebhookReceivedSchema = v.object({ body: v.string(), receivedAt: v.string() });
export type WebhookReceived = v.InferOutput<typeof WebhookReceivedSchema>;

/** Messenger notifications are a few KB; NATS refuses messages over 1 MB. */
const MAX_BODY_BYTES = 900 * 1024;

/** What the webhook routes need. */
export type WebhookRoutesOptions = {
  appSecret: string;
  verifyToken: string;
  bus: Pick<PluginBus, 'publish'>;
  logger: Logger;
};

/**
 * The routes Meta calls at `/plugins/channel-messenger/webhook`: `GET` answers the
 * subscription handshake with `hub.challenge`; `POST` checks `X-Hub-Signature-256` over the raw
 * bytes (401 without it, 403 when it does not match, nothing stored either way), publishes the
 * body as {@link WEBHOOK_RECEIVED_EVENT} and answers 200 at once; a worker does the rest.
 *
 * @example
 * ctx.http.route('/', createWebhookRoutes({ appSecret, verifyToken, bus: ctx.bus, logger: ctx.logger }));
 */
export function createWebhookRoutes(options: WebhookRoutesOptions): Hono {
  const { logger } = options;
  const routes = new Hono();

  routes.get('/webhook', (c) => {
    const challenge = hubChallenge(new URL(c.req.url).searchParams, options.verifyToken);
    if (challenge === null) {
      logger.warn({ mode: c.req.query('hub.mode') ?? null }, 'webhook verification refused');
      return problem(c, 403, MessengerErrorCodes.VERIFY_TOKEN_MISMATCH, 'hub.mode must be "subscribe" and hub.verify_token must equal the verifyToken secret');
    }
    return c.text(challenge, 200);
  });

  routes.post(
    '/webhook',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => problem(c, 413, MessengerErrorCodes.BODY_TOO_LARGE, `the body is larger than ${MAX_BODY_BYTES} bytes`),
    }),
    async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      const header = c.req.header(SIGNATURE_HEADER);
      if (!header) return problem(c, 401, MessengerErrorCodes.SIGNATURE_MISSING, `${SIGNATURE_HEADER} is missing; only Meta’s signed notifications are accepted`);
      if (!verifyHubSignature(options.appSecret, header, raw)) {
        logger.warn({ bytes: raw.byteLength }, 'webhook signature mismatch');
        return problem(c, 403, MessengerErrorCodes.SIGNATURE_INVALID, `${SIGNATURE_HEADER} does not match the body; check the appSecret secret`);
      }
      const data: WebhookReceived = { body: Buffer.from(raw).toString('utf8'), receivedAt: new Date().toISOString() };
      try {
        const event = await options.bus.publish(WEBHOOK_RECEIVED_EVENT, data);
        logger.debug({ eventId: event.id, bytes: raw.byteLength }, 'webhook accepted');
      } catch (err) {
        // Not stored means not acknowledged: Meta retries until it succeeds.
        logger.error({ err }, 'webhook could not be queued');
        return problem(c, 503, MessengerErrorCodes.UNAVAILABLE, 'the notification could not be queued; Meta will retry it');
      }
      return c.text('EVENT_RECEIVED', 200);
    },
  );
  return routes;
}
