import { deliverCommandName } from '@switchboard/events';
import { createChannelAdapter, definePlugin } from '@switchboard/plugin-sdk';
import pkg from '../package.json' with { type: 'json' };
import { createViberApi, type ViberApi } from './viber-api';
import { ViberConfigSchema, type ViberBot } from './viber-config';
import { createViberDeliver } from './viber-deliver';
import { createViberCallbackHandler } from './viber-inbound';
import { VIBER_IDENTITY_TYPE } from './viber-message-map';
import { createViberStore, viberMigrations } from './viber-storage';
import { CALLBACK_RECEIVED_EVENT, createViberWebhook } from './viber-webhook';
import { registerViberWebhooks } from './viber-webhook-registration';

export { VIBER_API_BASE_URL, VIBER_SENDER_NAME_LIMIT, ViberConfigSchema } from './viber-config';
export type { ViberBot, ViberConfig } from './viber-config';
export { ViberError, ViberErrorCodes } from './viber-errors';
export type { ViberErrorCode } from './viber-errors';
export { ViberApiError, createViberApi } from './viber-api';
export type { ViberAnswer, ViberApi, ViberApiOptions, ViberFailure } from './viber-api';
export { MessageTokenSchema, ViberCallbackSchema, callbackKey } from './viber-callback-schemas';
export type { ViberCallback, ViberMessage, ViberUser } from './viber-callback-schemas';
export { createViberDeliver, toViberDeliveryFailure } from './viber-deliver';
export { VIBER_DOWNLOAD_LIMIT_BYTES, createViberCallbackHandler } from './viber-inbound';
export { parseViberJson } from './viber-json';
export { VIBER_IDENTITY_TYPE, mapViberMessage } from './viber-message-map';
export type { ViberInboundMessage, ViberMediaRef } from './viber-message-map';
export { VIBER_PICTURE_TEXT_LIMIT, VIBER_TEXT_LIMIT, planViberSends } from './viber-outbound-plan';
export type { ViberOutboundPlan } from './viber-outbound-plan';
export { SIGNATURE_HEADER, signViberBody, verifyViberSignature } from './viber-signature';
export { CALLBACK_RECEIVED_EVENT, CallbackReceivedSchema, createViberWebhook, senderOf } from './viber-webhook';
export { VIBER_EVENT_TYPES, registerViberWebhooks } from './viber-webhook-registration';

const PLUGIN_ID = 'channel-viber';
const HOUR_MS = 60 * 60 * 1000;

/**
 * Viber as a channel: each configured bot is an account whose customers are `viber_user`
 * contacts. Viber POSTs signed callbacks to `/plugins/channel-viber/webhook/<bot id>`
 * (registered with set_webhook at start); agents' replies go out through send_message, and
 * Viber's delivered/seen/failed receipts update their delivery state.
 *
 * @example
 * // switchboard.config.yaml
 * // plugins:
 * //   channel-viber:
 * //     options:
 * //       bots:
 * //         - id: support
 * //           token: ${VIBER_BOT_TOKEN}
 * //           sender: { name: Example Support }
 */
export default definePlugin({
  id: PLUGIN_ID,
  version: pkg.version,
  core: '^0.1.0',
  kind: 'channel',
  description: pkg.description,
  consumes: ['core.message.record_inbound.v1', 'core.message.update_delivery.v1', CALLBACK_RECEIVED_EVENT],
  produces: [deliverCommandName(PLUGIN_ID), CALLBACK_RECEIVED_EVENT],
  config: ViberConfigSchema,
  migrations: viberMigrations,
  setup(ctx) {
    const config = ctx.config;
    const bots = new Map(config.bots.map((bot) => [bot.id, bot]));
    const apis = new Map<string, ViberApi>();
    const apiOf = (bot: ViberBot): ViberApi => {
      let api = apis.get(bot.id);
      if (!api) {
        api = createViberApi({ bot, baseUrl: config.apiBaseUrl, timeoutMs: config.timeoutMs, signal: ctx.signal });
        apis.set(bot.id, api);
      }
      return api;
    };
    const store = createViberStore(ctx.storage);

    const deliver = createViberDeliver({ bots, apiOf, store, config });
    const channel = createChannelAdapter(ctx, {
      deliver,
      // No time window: a subscribed user can be written to at any time until they unsubscribe.
      accounts: config.bots.map((bot) => ({ id: bot.id, label: bot.label ?? `Viber ${bot.sender.name}`, identityType: VIBER_IDENTITY_TYPE, replyWindowHours: null })),
    });

    ctx.bus.subscribe('process-callbacks', {
      types: [CALLBACK_RECEIVED_EVENT],
      from: 'all',
      handler: createViberCallbackHandler({ bots, apiOf, store, channel, attachments: ctx.attachments, logger: ctx.logger }),
    });
    ctx.http.route('/', createViberWebhook({ bots, store, bus: ctx.bus, logger: ctx.logger, minApiVersion: config.minApiVersion }));

    let pruneTimer: NodeJS.Timeout | undefined;
    const prune = () => {
      store.prune(Date.now() - config.retentionDays * 24 * HOUR_MS).catch((err: unknown) => ctx.logger.warn({ err }, 'pruning old callbacks failed'));
    };
    return {
      async start() {
        prune();
        pruneTimer = setInterval(prune, HOUR_MS);
        pruneTimer.unref();
        if (!config.webhook.register) return;
        const base = config.webhook.publicUrl ?? ctx.publicUrl;
        // Viber calls the webhook while registering, and the routes serve only once start() has
        // returned: register from a later turn of the event loop, in the background.
        setTimeout(() => {
          void registerViberWebhooks({
            bots: config.bots,
            apiOf,
            webhookUrl: (bot) => `${base}/plugins/${ctx.id}/webhook/${bot.id}`,
            webhook: config.webhook,
            logger: ctx.logger,
            signal: ctx.signal,
          });
        }, 0);
      },
      async stop() {
        clearInterval(pruneTimer);
      },
    };
  },
});
