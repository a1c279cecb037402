import { createMetaWebhookRoutes, type MetaWebhookRoutesOptions } from '@switchboard/plugin-sdk';
import type { Hono } from 'hono';
import { WhatsAppCloudErrorCodes } from './whatsapp-cloud-errors';

export { WebhookReceivedSchema, type WebhookReceived } from '@switchboard/plugin-sdk';

/** The event a verified webhook becomes: durable in JetStream before Meta gets its 200. */
export const WEBHOOK_RECEIVED_EVENT = 'channel-whatsapp-cloud.webhook.received.v1';

/** Meta's notifications are a few KB; NATS refuses messages over 1 MB. */
const MAX_BODY_BYTES = 900 * 1024;

/** What the webhook routes need: the app's secrets, the bus and the plugin's logger. */
export type WebhookRoutesOptions = Pick<MetaWebhookRoutesOptions, 'appSecret' | 'verifyToken' | 'bus' | 'logger'>;

/**
 * The routes Meta calls at `/plugins/channel-whatsapp-cloud/webhook`: the SDK's Meta webhook
 * (handshake on `GET`, `X-Hub-Signature-256` checked on `POST`, 200 at once) answering with this
 * plugin's error codes and publishing {@link WEBHOOK_RECEIVED_EVENT}; a worker does the rest.
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
      signatureMissing: WhatsAppCloudErrorCodes.SIGNATURE_MISSING,
      signatureInvalid: WhatsAppCloudErrorCodes.SIGNATURE_INVALID,
      verifyTokenMismatch: WhatsAppCloudErrorCodes.VERIFY_TOKEN_MISMATCH,
      bodyTooLarge: WhatsAppCloudErrorCodes.BODY_TOO_LARGE,
      unavailable: WhatsAppCloudErrorCodes.UNAVAILABLE,
    },
    appSecretHint: ' (App Dashboard → App settings → Basic)',
  });
}
