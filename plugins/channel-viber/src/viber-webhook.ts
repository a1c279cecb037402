import type { Logger, PluginBus } from '@switchboard/plugin-sdk';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import { ViberCallbackSchema, callbackKey } from './viber-callback-schemas';
import type { ViberBot, ViberConfig } from './viber-config';
import { ViberErrorCodes, problem } from './viber-errors';
import { parseViberJson } from './viber-json';
import { SIGNATURE_HEADER, verifyViberSignature } from './viber-signature';
import type { ViberStore } from './viber-storage';

/** The event a verified callback is queued as; its handler records it. */
export const CALLBACK_RECEIVED_EVENT = 'channel-viber.webhook.received.v1';

/** Data of {@link CALLBACK_RECEIVED_EVENT}: the callback exactly as received. */
export const CallbackReceivedSchema = v.object({
  account: v.pipe(v.string(), v.minLength(1)),
  key: v.pipe(v.string(), v.minLength(1)),
  body: v.string(),
});
export type CallbackReceived = v.InferOutput<typeof CallbackReceivedSchema>;

/** Viber's requests stay around 30 KB; far larger is not Viber (and would not fit a NATS message). */
const MAX_BODY_BYTES = 256 * 1024;

/** What the webhook routes need. */
export type ViberWebhookOptions = {
  bots: ReadonlyMap<string, ViberBot>;
  store: Pick<ViberStore, 'logCallback'>;
  bus: Pick<PluginBus, 'publish'>;
  logger: Logger;
  minApiVersion: ViberConfig['minApiVersion'];
};

/**
 * The webhook Viber POSTs callbacks to, one route per bot: `POST /webhook/<bot id>`.
 *
 * The signature (`X-Viber-Content-Signature`, or the `sig` query parameter Viber also appends)
 * is checked over the raw bytes before anything is parsed: 401 when missing, 403 when wrong,
 * nothing stored. The body is parsed without losing the digits of 64-bit message tokens. The
 * `webhook` event of `set_webhook` is answered 200 and nothing else happens. Any other valid
 * callback is logged in the plugin's table (a resent one stops there) and queued as a
 * `channel-viber.webhook.received.v1` event, then answered 200 at once; a `conversation_started`
 * gets the bot's welcome message in the answer, when one is configured. A verified body that is
 * not a Viber callback is logged and acknowledged, and nothing is stored. If a callback cannot be
 * queued the answer is 503, so Viber resends it.
 *
 * @example
 * ctx.http.route('/', createViberWebhook({ bots, store, bus: ctx.bus, logger: ctx.logger, minApiVersion: 1 }));
 */
export function createViberWebhook(options: ViberWebhookOptions): Hono {
  const { bots, store, bus, logger } = options;
  const routes = new Hono();

  routes.post(
    '/webhook/:botId',
    async (c, next) => {
      const bot = bots.get(c.req.param('botId'));
      if (!bot) return problem(c, 404, ViberErrorCodes.UNKNOWN_BOT, `channel-viber: no bot ${c.req.param('botId')} is configured`);
      await next();
    },
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => problem(c, 413, ViberErrorCodes.BODY_TOO_LARGE, `channel-viber: a callback is never larger than ${MAX_BODY_BYTES} bytes`),
    }),
    async (c) => {
      const bot = bots.get(c.req.param('botId')) as ViberBot;
      const presented = c.req.header(SIGNATURE_HEADER) ?? c.req.query('sig');
      if (presented === undefined) {
        return problem(c, 401, ViberErrorCodes.SIGNATURE_MISSING, `channel-viber: send the body's signature in ${SIGNATURE_HEADER}`);
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (!verifyViberSignature(bot.token, bytes, presented)) {
        logger.warn({ account: bot.id }, 'callback with a wrong signature refused');
        return problem(c, 403, ViberErrorCodes.SIGNATURE_INVALID, `channel-viber: ${SIGNATURE_HEADER} does not match the body signed with the token of bot ${bot.id}`);
      }
      const body = new TextDecoder().decode(bytes);
      const callback = v.safeParse(ViberCallbackSchema, safeParse(body));
      if (!callback.success) {
        // Only the paths: the values may be a customer's words.
        const paths = callback.issues.map((issue) => v.getDotPath(issue) ?? '(root)').slice(0, 5);
        logger.warn({ account: bot.id, paths, bytes: bytes.length }, 'verified callback is not a Viber callback this plugin knows; acknowledged, nothing stored');
        return c.body(null, 200);
      }
      const event = callback.output;
      if (event.event === 'webhook') {
        logger.info({ account: bot.id }, 'Viber checked the webhook');
        return c.body(null, 200);
      }
      const key = callbackKey(event);
      try {
        const state = await store.logCallback(bot.id, key, body);
        if (state !== 'processed') {
          await bus.publish(CALLBACK_RECEIVED_EVENT, { account: bot.id, key, body } satisfies CallbackReceived, { subject: `${bot.id}:${key}` });
        } else {
          logger.debug({ account: bot.id, key }, 'duplicate callback acknowledged');
        }
      } catch (err) {
        logger.warn({ err, account: bot.id, key }, 'callback could not be queued; Viber will resend it');
        return problem(c, 503, ViberErrorCodes.NOT_ACCEPTED, 'channel-viber: the callback could not be queued; send it again', { 'Retry-After': '5' });
      }
      if (event.event === 'conversation_started' && bot.welcomeMessage) {
        // The one message Viber lets a bot send before the user subscribes: in this answer.
        return c.json({ sender: senderOf(bot), min_api_version: options.minApiVersion, tracking_data: 'welcome', type: 'text', text: bot.welcomeMessage.text }, 200);
      }
      return c.body(null, 200);
    },
  );
  return routes;
}

/**
 * The `sender` of the bot's messages: its configured name and avatar.
 *
 * @example
 * senderOf(bot); // { name: 'Example Support' }
 */
export function senderOf(bot: ViberBot): { name: string; avatar?: string } {
  return { name: bot.sender.name, ...(bot.sender.avatar ? { avatar: bot.sender.avatar } : {}) };
}

function safeParse(text: string): unknown {
  try {
    return parseViberJson(text);
  } catch {
    return undefined;
  }
}
