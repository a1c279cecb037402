import * as v from 'valibot';

/**
 * The plugin's own event: a webhook whose signature was verified, kept on the durable bus until
 * the worker has processed it. `body` is the form body exactly as Twilio posted it.
 */
export const WEBHOOK_RECEIVED = 'channel-twilio.webhook.received.v1';

/**
 * The data of {@link WEBHOOK_RECEIVED}: which route it came to, the raw body, when it arrived.
 *
 * @example
 * const received = v.parse(WebhookReceivedSchema, event.data);
 */
export const WebhookReceivedSchema = v.object({
  kind: v.picklist(['message', 'status']),
  body: v.pipe(v.string(), v.maxLength(64 * 1024)),
  receivedAt: v.pipe(v.string(), v.isoTimestamp()),
});
/** A verified webhook on its way to the worker. */
export type WebhookReceived = v.InferOutput<typeof WebhookReceivedSchema>;
/** Which of the two routes a webhook came to. */
export type WebhookKind = WebhookReceived['kind'];
