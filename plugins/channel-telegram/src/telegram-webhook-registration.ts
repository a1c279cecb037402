import { retryUntil, type Logger } from '@switchboard/plugin-sdk';
import { TelegramApiError, type TelegramApi } from './telegram-api';
import type { TelegramBot, TelegramConfig } from './telegram-config';

/** The update kinds the plugin handles; everything else Telegram keeps to itself. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;

/** Waits between registration attempts while Telegram cannot be reached; the last repeats. */
const RETRY_DELAYS_MS = [1000, 5000, 30_000, 120_000, 600_000];

/** What {@link registerTelegramWebhooks} needs. */
export type WebhookRegistrationOptions = {
  bots: TelegramBot[];
  apiOf(bot: TelegramBot): TelegramApi;
  /** The URL of a bot's webhook route, e.g. `https://inbox.example.com/plugins/channel-telegram/webhook/110201543`. */
  webhookUrl(bot: TelegramBot): string;
  webhook: TelegramConfig['webhook'];
  logger: Logger;
  signal: AbortSignal;
  /** Waits between attempts; tests shorten them. */
  retryDelaysMs?: number[];
};

/**
 * Registers every bot's webhook with `setWebhook` (URL, secret token, allowed updates), in the
 * background: boot never waits for Telegram. Transient failures are retried with growing pauses
 * until the plugin stops; a refusal (a revoked token, a URL Telegram does not accept) is logged
 * once with Telegram's reason and what to change.
 *
 * @example
 * const done = registerTelegramWebhooks({ bots, apiOf, webhookUrl, webhook: config.webhook, logger, signal: ctx.signal });
 */
export function registerTelegramWebhooks(options: WebhookRegistrationOptions): Promise<void> {
  return Promise.all(options.bots.map((bot) => registerOne(bot, options))).then(() => undefined);
}

async function registerOne(bot: TelegramBot, options: WebhookRegistrationOptions): Promise<void> {
  const url = options.webhookUrl(bot);
  const log = options.logger.child({ account: bot.id });
  if (!url.startsWith('https://')) log.warn({ url }, 'Telegram only delivers webhooks to https:// URLs; set webhook.publicUrl or the server’s public URL');
  const result = await retryUntil(
    () =>
      options.apiOf(bot).call('setWebhook', {
        url,
        secret_token: bot.webhookSecret,
        allowed_updates: ALLOWED_UPDATES,
        max_connections: options.webhook.maxConnections,
        drop_pending_updates: options.webhook.dropPendingUpdates,
      }),
    {
      delaysMs: options.retryDelaysMs ?? RETRY_DELAYS_MS,
      signal: options.signal,
      isFinal: (err) => err instanceof TelegramApiError && !err.failure.retryable,
      onRetry: (err, attempt, retryInMs) => log.warn({ err, attempt, retryInMs }, 'could not register the webhook yet; will retry'),
    },
  );
  if (result.outcome === 'done') log.info({ url }, 'webhook registered with Telegram');
  if (result.outcome === 'refused') {
    log.error({ err: result.error, url }, 'Telegram refused the webhook; fix the bot token or the public URL (https, port 443/80/88/8443), or set webhook.register to false');
  }
}
