import { createWebhookIntake, type Logger, type PluginBus } from '@switchboard/plugin-sdk';
import { Hono } from 'hono';
import { MessengerErrorCodes, problem } from './messenger-errors';
import { SIGNATURE_HEADER, hubChallenge, verifyHubSignature } from './messenger-signature';

export { WebhookReceivedSchema, type WebhookReceived } from '@switchboard/plugin-sdk';

/** The event a verified webhook becomes: durable in JetStream before Meta gets its 200. */
export const WEBHOOK_RECEIVED_EVENT = 'channel-messenger.webhook.received.v1';

/** Meta's notifications are a few KB; NATS refuses messages over 1 MB. */
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

  routes.route(
    '/',
    createWebhookIntake({
      path: '/webhook',
      bus: options.bus,
      logger,
      eventType: WEBHOOK_RECEIVED_EVENT,
      maxBytes: MAX_BODY_BYTES,
      codes: { bodyTooLarge: MessengerErrorCodes.BODY_TOO_LARGE, unavailable: MessengerErrorCodes.UNAVAILABLE },
      retryHint: 'Meta will retry it',
      acceptedText: 'EVENT_RECEIVED',
      verify(raw, c) {
        const header = c.req.header(SIGNATURE_HEADER);
        if (!header) return { status: 401, code: MessengerErrorCodes.SIGNATURE_MISSING, detail: `${SIGNATURE_HEADER} is missing; only Meta’s signed notifications are accepted` };
        if (!verifyHubSignature(options.appSecret, header, raw)) return { status: 403, code: MessengerErrorCodes.SIGNATURE_INVALID, detail: `${SIGNATURE_HEADER} does not match the body; check the appSecret secret` };
        return null;
      },
    }),
  );
  return routes;
}
