import { Buffer } from 'node:buffer';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import type { PluginBus } from './bus/bus-types';
import type { Logger } from './logger';
import { problemResponse } from './problem-response';

/** Data of the event a verified webhook becomes: the body exactly as the provider signed it. */
export const WebhookReceivedSchema = v.object({ body: v.string(), receivedAt: v.string() });
export type WebhookReceived = v.InferOutput<typeof WebhookReceivedSchema>;

/** Why a webhook was refused: 401 without credentials, 403 when they do not match. */
export type WebhookRefusal = { status: 401 | 403; code: string; detail: string };

/** Options of {@link createWebhookIntake}. */
export type WebhookIntakeOptions = {
  /** The route, relative to the plugin's base path, e.g. `/webhook`. */
  path: string;
  bus: Pick<PluginBus, 'publish'>;
  logger: Logger;
  /** The plugin's own event a verified body becomes, e.g. `channel-acme.webhook.received.v1`. */
  eventType: string;
  /** The largest body taken; NATS refuses messages over 1 MB. */
  maxBytes: number;
  /** Checks the raw bytes before anything parses them: `null` when verified, else the refusal. */
  verify(raw: Uint8Array, c: Context): WebhookRefusal | null;
  /** The plugin's error codes for a body over `maxBytes` and for a bus that cannot take it. */
  codes: { bodyTooLarge: string; unavailable: string };
  /** Who retries when the body could not be queued, for the 503's detail (e.g. `Meta will retry it`). */
  retryHint?: string;
  /** The 200 answer's text; providers that want an empty body get one by default. */
  acceptedText?: string;
};

/**
 * The intake of a signed webhook, as every channel needs it: the raw bytes are verified before any
 * parsing (nothing is stored on a refusal), then published as the plugin's own event — durable
 * in JetStream — and answered 200 at once; the plugin's durable subscription does the work. When
 * the bus cannot take the body the provider gets a 503 and retries, so nothing acknowledged is
 * lost.
 *
 * @example
 * ctx.http.route('/', createWebhookIntake({
 *   path: '/webhook', bus: ctx.bus, logger: ctx.logger, eventType: 'channel-acme.webhook.received.v1', maxBytes: 512 * 1024,
 *   codes: { bodyTooLarge: 'SWB_ERR_ACME_BODY_TOO_LARGE', unavailable: 'SWB_ERR_ACME_UNAVAILABLE' },
 *   verify: (raw, c) => (signatureMatches(raw, c.req.header('X-Acme-Signature')) ? null : { status: 403, code: 'SWB_ERR_ACME_SIGNATURE_INVALID', detail: 'X-Acme-Signature does not match the body' }),
 * }));
 */
export function createWebhookIntake(options: WebhookIntakeOptions): Hono {
  const { logger } = options;
  const routes = new Hono();
  routes.post(
    options.path,
    bodyLimit({
      maxSize: options.maxBytes,
      onError: (c) => problemResponse(c, 413, options.codes.bodyTooLarge, `the body is larger than ${options.maxBytes} bytes`),
    }),
    async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      const refusal = options.verify(raw, c);
      if (refusal) {
        logger.warn({ status: refusal.status, code: refusal.code, bytes: raw.byteLength }, 'webhook refused');
        return problemResponse(c, refusal.status, refusal.code, refusal.detail);
      }
      const data: WebhookReceived = { body: Buffer.from(raw).toString('utf8'), receivedAt: new Date().toISOString() };
      try {
        const event = await options.bus.publish(options.eventType, data);
        logger.debug({ eventId: event.id, bytes: raw.byteLength }, 'webhook accepted');
      } catch (err) {
        // Not stored means not acknowledged: the provider retries.
        logger.error({ err }, 'webhook could not be queued');
        return problemResponse(c, 503, options.codes.unavailable, `the notification could not be queued; ${options.retryHint ?? 'the sender will retry it'}`);
      }
      return c.text(options.acceptedText ?? '', 200);
    },
  );
  return routes;
}
