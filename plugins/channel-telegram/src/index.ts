import { deliverCommandName } from '@switchboard/events';
import { createChannelAdapter, definePlugin } from '@switchboard/plugin-sdk';
import pkg from '../package.json' with { type: 'json' };
import { createTelegramApi, type TelegramApi } from './telegram-api';
import { TelegramConfigSchema, resolveBots, type TelegramBot } from './telegram-config';
import { createTelegramDeliver } from './telegram-deliver';
import { createTelegramUpdateHandler } from './telegram-inbound';
import { createTelegramStore, telegramMigrations } from './telegram-storage';
import { TELEGRAM_IDENTITY_TYPE } from './telegram-update-map';
import { UPDATE_RECEIVED_EVENT, createTelegramWebhook } from './telegram-webhook';
import { registerTelegramWebhooks } from './telegram-webhook-registration';

export { TELEGRAM_API_BASE_URL, TelegramConfigSchema, botIdOf, resolveBots } from './telegram-config';
export type { TelegramBot, TelegramConfig } from './telegram-config';
export { TelegramError, TelegramErrorCodes } from './telegram-errors';
export type { TelegramErrorCode } from './telegram-errors';
export { TelegramApiError, createTelegramApi } from './telegram-api';
export type { TelegramApi, TelegramApiOptions, TelegramFailure } from './telegram-api';
export { createTelegramDeliver, toDeliveryFailure } from './telegram-deliver';
export { TELEGRAM_CAPTION_LIMIT, TELEGRAM_TEXT_LIMIT, planTelegramSends, telegramChatId } from './telegram-outbound-plan';
export type { OfferedQuickReply, TelegramOutboundPlan, TelegramSend } from './telegram-outbound-plan';
export { TELEGRAM_DOWNLOAD_LIMIT_BYTES, TELEGRAM_IDENTITY_TYPE, mapTelegramUpdate, telegramMessageId, toE164 } from './telegram-update-map';
export type { TelegramInbound, TelegramInboundMessage, TelegramMediaRef } from './telegram-update-map';
export { TelegramUpdateSchema } from './telegram-update-schemas';
export type { TelegramUpdate } from './telegram-update-schemas';
export { SECRET_HEADER, UPDATE_RECEIVED_EVENT, UpdateReceivedSchema, createTelegramWebhook, secretMatches } from './telegram-webhook';
export { ALLOWED_UPDATES, registerTelegramWebhooks } from './telegram-webhook-registration';

const PLUGIN_ID = 'channel-telegram';
const HOUR_MS = 60 * 60 * 1000;

/**
 * Telegram as a channel: each configured bot is an account whose customers are
 * `telegram_chat` contacts. Telegram POSTs updates to `/plugins/channel-telegram/webhook/<bot id>`
 * (registered with setWebhook at start); agents' replies go out through the Bot API.
 *
 * @example
 * // switchboard.config.yaml
 * // plugins:
 * //   channel-telegram:
 * //     options:
 * //       bots:
 * //         - token: ${TELEGRAM_BOT_TOKEN}
 */
export default definePlugin({
  id: PLUGIN_ID,
  version: pkg.version,
  core: '^0.1.0',
  kind: 'channel',
  description: pkg.description,
  consumes: ['core.message.record_inbound.v1', UPDATE_RECEIVED_EVENT],
  produces: [deliverCommandName(PLUGIN_ID), UPDATE_RECEIVED_EVENT],
  config: TelegramConfigSchema,
  migrations: telegramMigrations,
  setup(ctx) {
    const config = ctx.config;
    const botList = resolveBots(config);
    const bots = new Map(botList.map((bot) => [bot.id, bot]));
    const apis = new Map<string, TelegramApi>();
    const apiOf = (bot: TelegramBot): TelegramApi => {
      let api = apis.get(bot.id);
      if (!api) {
        api = createTelegramApi({ bot, baseUrl: config.apiBaseUrl, timeoutMs: config.timeoutMs, signal: ctx.signal });
        apis.set(bot.id, api);
      }
      return api;
    };
    const store = createTelegramStore(ctx.storage);

    const deliver = createTelegramDeliver({ bots, apiOf, store, attachments: ctx.attachments, config, signal: ctx.signal });
    const channel = createChannelAdapter(ctx, {
      deliver,
      // Bots may write to anyone who started them, at any time: no reply window.
      accounts: botList.map((bot) => ({ id: bot.id, label: bot.label, identityType: TELEGRAM_IDENTITY_TYPE, replyWindowHours: null })),
    });

    ctx.bus.subscribe('process-updates', {
      types: [UPDATE_RECEIVED_EVENT],
      from: 'all',
      handler: createTelegramUpdateHandler({ bots, apiOf, store, channel, attachments: ctx.attachments, logger: ctx.logger }),
    });
    ctx.http.route('/', createTelegramWebhook({ bots, store, bus: ctx.bus, logger: ctx.logger }));

    let pruneTimer: NodeJS.Timeout | undefined;
    const prune = () => {
      store.prune(Date.now() - config.retentionDays * 24 * HOUR_MS).catch((err: unknown) => ctx.logger.warn({ err }, 'pruning old updates failed'));
    };
    return {
      async start() {
        prune();
        pruneTimer = setInterval(prune, HOUR_MS);
        pruneTimer.unref();
        if (!config.webhook.register) return;
        const base = config.webhook.publicUrl ?? ctx.publicUrl;
        void registerTelegramWebhooks({
          bots: botList,
          apiOf,
          webhookUrl: (bot) => `${base}/plugins/${ctx.id}/webhook/${bot.id}`,
          webhook: config.webhook,
          logger: ctx.logger,
          signal: ctx.signal,
        });
      },
      async stop() {
        clearInterval(pruneTimer);
      },
    };
  },
});
