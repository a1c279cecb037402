import { createMetaWebhookRoutes, type MetaWebhookRoutesOptions } from '@switchboard/plugin-sdk';
import type { Hono } from 'hono';
import { MessengerErrorCodes } from './messenger-errors';

export { WebhookReceivedSchema, type WebhookReceived } from '@switchboard/plugin-sdk';

/** The event a verified webhook becomes: durable in JetStream before Meta gets its 200. */
export const WEBHOOK_RECEIVED_EVENT = 'channel-messenger.webhook.received.v1';

/** Meta's notifications are a few KB; NATS refuses messages over 1 MB. */
const MAX_BODY_BYTES = 900 * 1024;

/** What the webhook routes need: the app's secrets, the bus and the plugin's logger. */
export type WebhookRoutesOptions = Pick<MetaWebhookRoutesOptions, 'appSecret' | 'verifyToken' | 'bus' | 'logger'>;

/**
 * The routes Meta calls at `/plugins/channel-messenger/webhook`: the SDK's Meta webhook (handshake
 * on `GET`, `X-Hub-Signature-256` checked on `POST`, 200 at once) answering with this plugin's
 * error codes and publishing {@link WEBHOOK_RECEIVED_EVENT}; a worker does the rest.
 *
 * @example
 * ctx.http.route('/', createWebhookRoutes({ appSecret, verifyToken, bus: ctx.bus, logger: ctx.logger }));
 */
export function createWebhookRoutes(options: WebhookRoutesOptions): Hono {
  return createMetaWebhookRoutes({
    ...options,
    eventType: WEBHOOK_RECEIVED_EVENT,
    maxBytes: MAX_BODY_BYTES,
    codes: {
      signatureMissing: MessengerErrorCodes.SIGNATURE_MISSING,
      signatureInvalid: MessengerErrorCodes.SIGNATURE_INVALID,
      verifyTokenMismatch: MessengerErrorCodes.VERIFY_TOKEN_MISMATCH,
      bodyTooLarge: MessengerErrorCodes.BODY_TOO_LARGE,
      unavailable: MessengerErrorCodes.UNAVAILABLE,
    },
  });
}
