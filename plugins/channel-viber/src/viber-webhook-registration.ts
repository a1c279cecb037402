import { retryUntil, type Logger } from '@switchboard/plugin-sdk';
import { ViberApiError, type ViberApi } from './viber-api';
import type { ViberBot, ViberConfig } from './viber-config';

/** The filterable callbacks the plugin asks for; `message`, `subscribed` and `unsubscribed` always come. */
export const VIBER_EVENT_TYPES = ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'] as const;

/** Statuses no retry gets past: a wrong token, or an account Viber blocked, lost or suspended. */
const FINAL_STATUSES = new Set([2, 7, 8, 9, 15]);
/** Waits between registration attempts; the last repeats. */
const RETRY_DELAYS_MS = [1000, 5000, 30_000, 120_000, 600_000];

/** What {@link registerViberWebhooks} needs. */
export type ViberRegistrationOptions = {
  bots: ViberBot[];
  apiOf(bot: ViberBot): ViberApi;
  /** The URL of a bot's webhook route, e.g. `https://inbox.example.com/plugins/channel-viber/webhook/support`. */
  webhookUrl(bot: ViberBot): string;
  webhook: ViberConfig['webhook'];
  logger: Logger;
  signal: AbortSignal;
  retryDelaysMs?: number[];
};

/**
 * Registers every bot's webhook with `set_webhook`, in the background. Viber calls the URL with a
 * signed `webhook` event while registering and refuses the URL (status 1) unless it answers 200,
 * so this must run once the routes serve, and a refusal is retried like a transient failure
 * (a proxy not up yet, a deploy under way); a wrong token or a blocked account is logged once.
 *
 * @example
 * void registerViberWebhooks({ bots, apiOf, webhookUrl, webhook: config.webhook, logger, signal: ctx.signal });
 */
export function registerViberWebhooks(options: ViberRegistrationOptions): Promise<void> {
  return Promise.all(options.bots.map((bot) => registerOne(bot, options))).then(() => undefined);
}

async function registerOne(bot: ViberBot, options: ViberRegistrationOptions): Promise<void> {
  const url = options.webhookUrl(bot);
  const log = options.logger.child({ account: bot.id });
  if (!url.startsWith('https://')) log.warn({ url }, 'Viber only calls https:// webhooks with a certificate from a trusted CA; set webhook.publicUrl or the server’s public URL');
  const result = await retryUntil(
    () =>
      options.apiOf(bot).call('set_webhook', {
        url,
        event_types: VIBER_EVENT_TYPES,
        send_name: options.webhook.sendName,
        send_photo: options.webhook.sendPhoto,
      }),
    {
      delaysMs: options.retryDelaysMs ?? RETRY_DELAYS_MS,
      signal: options.signal,
      isFinal: (err) => err instanceof ViberApiError && err.failure.status !== null && FINAL_STATUSES.has(err.failure.status),
      onRetry: (err, attempt, retryInMs) => log.warn({ err, attempt, retryInMs }, 'could not register the webhook yet; will retry'),
    },
  );
  if (result.outcome === 'done') log.info({ url, eventTypes: result.value.event_types }, 'webhook registered with Viber');
  if (result.outcome === 'refused') {
    log.error({ err: result.error, url }, 'Viber refused the webhook for good; check the bot token and the bot account in the Viber Admin Panel, or set webhook.register to false');
  }
}
