import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger, PluginBus } from '@switchboard/plugin-sdk';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import type { TelegramBot } from './telegram-config';
import { TelegramErrorCodes, problem } from './telegram-errors';
import type { TelegramStore } from './telegram-storage';
import { TelegramUpdateSchema } from './telegram-update-schemas';

/** The header Telegram echoes the webhook's `secret_token` in. */
export const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

/** The event a verified update is queued as; its handler records it. */
export const UPDATE_RECEIVED_EVENT = 'channel-telegram.webhook.received.v1';

/** Data of {@link UPDATE_RECEIVED_EVENT}: the update exactly as received. */
export const UpdateReceivedSchema = v.object({
  account: v.pipe(v.string(), v.minLength(1)),
  updateId: v.pipe(v.number(), v.safeInteger()),
  body: v.string(),
});
export type UpdateReceived = v.InferOutput<typeof UpdateReceivedSchema>;

/** Updates are a few kilobytes; anything far larger is not from Telegram (and would not fit a NATS message). */
const MAX_BODY_BYTES = 256 * 1024;

/** What the webhook routes need. */
export type TelegramWebhookOptions = {
  bots: ReadonlyMap<string, TelegramBot>;
  store: Pick<TelegramStore, 'logUpdate'>;
  bus: Pick<PluginBus, 'publish'>;
  logger: Logger;
};

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Checks the secret token in constant time: both sides are hashed first, so neither content nor
 * length leaks through timing.
 *
 * @example
 * secretMatches(c.req.header(SECRET_HEADER), bot.webhookSecret);
 */
export function secretMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * The webhook Telegram POSTs updates to, one route per bot: `POST /webhook/<bot id>`.
 *
 * Order matters: the secret header is checked before the body is even read (401 when missing,
 * 403 when wrong, nothing stored); a verified update that is not valid JSON or not an Update is
 * logged and acknowledged with 200 so Telegram stops resending it, and nothing is stored; a valid
 * one is logged in the plugin's table (a duplicate `update_id` stops here) and queued as a
 * `channel-telegram.webhook.received.v1` event, then answered 200 at once. Processing (media
 * downloads, recording) happens in that event's handler. If the update cannot be queued the
 * answer is 503, so Telegram retries.
 *
 * @example
 * ctx.http.route('/', createTelegramWebhook({ bots, store, bus: ctx.bus, logger: ctx.logger }));
 */
export function createTelegramWebhook(options: TelegramWebhookOptions): Hono {
  const { bots, store, bus, logger } = options;
  const routes = new Hono();

  routes.post(
    '/webhook/:botId',
    async (c, next) => {
      const bot = bots.get(c.req.param('botId'));
      if (!bot) return problem(c, 404, TelegramErrorCodes.UNKNOWN_BOT, `channel-telegram: no bot ${c.req.param('botId')} is configured`);
      const presented = c.req.header(SECRET_HEADER);
      if (presented === undefined) {
        return problem(c, 401, TelegramErrorCodes.WEBHOOK_SECRET_MISSING, `channel-telegram: send the webhook secret in ${SECRET_HEADER}`);
      }
      if (!secretMatches(presented, bot.webhookSecret)) {
        logger.warn({ account: bot.id }, 'webhook request with a wrong secret token refused');
        return problem(c, 403, TelegramErrorCodes.WEBHOOK_SECRET_INVALID, `channel-telegram: ${SECRET_HEADER} does not match the secret of bot ${bot.id}`);
      }
      await next();
    },
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => problem(c, 413, TelegramErrorCodes.BODY_TOO_LARGE, `channel-telegram: an update is never larger than ${MAX_BODY_BYTES} bytes`),
    }),
    async (c) => {
      const bot = bots.get(c.req.param('botId')) as TelegramBot;
      const body = await c.req.text();
      const update = v.safeParse(TelegramUpdateSchema, parseJson(body));
      if (!update.success) {
        // Only the paths: the values may be a customer's words.
        const paths = update.issues.map((issue) => v.getDotPath(issue) ?? '(root)').slice(0, 5);
        logger.warn({ account: bot.id, paths, bytes: body.length }, 'verified webhook body is not a valid Telegram update; acknowledged, nothing stored');
        return c.body(null, 200);
      }
      const updateId = update.output.update_id;
      try {
        const state = await store.logUpdate(bot.id, updateId, body);
        if (state === 'processed') {
          logger.debug({ account: bot.id, updateId }, 'duplicate update acknowledged');
          return c.body(null, 200);
        }
        await bus.publish(UPDATE_RECEIVED_EVENT, { account: bot.id, updateId, body } satisfies UpdateReceived, { subject: `${bot.id}:${updateId}` });
      } catch (err) {
        logger.warn({ err, account: bot.id, updateId }, 'update could not be queued; Telegram will resend it');
        return problem(c, 503, TelegramErrorCodes.NOT_ACCEPTED, 'channel-telegram: the update could not be queued; send it again', { 'Retry-After': '5' });
      }
      return c.body(null, 200);
    },
  );
  return routes;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
