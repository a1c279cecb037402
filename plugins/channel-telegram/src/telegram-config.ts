import { createHmac } from 'node:crypto';
import { httpUrl, secretMatching, wholeNumber } from '@switchboard/plugin-sdk';
import * as v from 'valibot';

/** Telegram's own API; tests and self-hosted Bot API servers point `apiBaseUrl` elsewhere. */
export const TELEGRAM_API_BASE_URL = 'https://api.telegram.org';

/** `<bot id>:<secret>`, as @BotFather hands it out. */
const TOKEN_PATTERN = /^(\d{1,20}):[A-Za-z0-9_-]{20,}$/;
/** What Telegram allows in `secret_token` and echoes in `X-Telegram-Bot-Api-Secret-Token`. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

const BotSchema = v.object(
  {
    token: v.pipe(
      v.string('bots[].token must be a string (usually ${TELEGRAM_BOT_TOKEN})'),
      secretMatching(TOKEN_PATTERN, 'bots[].token must look like "<bot id>:<secret>" as @BotFather gives it', 'a bot token from @BotFather'),
      v.description('The bot token from @BotFather. Give it as ${ENV_VAR}; it is never logged.'),
    ),
    webhookSecret: v.optional(
      v.pipe(
        v.string('bots[].webhookSecret must be a string'),
        secretMatching(SECRET_PATTERN, 'bots[].webhookSecret must be 1–256 characters of A-Z a-z 0-9 _ -', '1–256 characters of A-Z a-z 0-9 _ -'),
        v.description('The secret_token Telegram echoes in X-Telegram-Bot-Api-Secret-Token. Default: derived from the token.'),
      ),
    ),
    label: v.optional(
      v.pipe(v.string('bots[].label must be a string'), v.minLength(1, 'bots[].label must not be empty'), v.maxLength(128, 'bots[].label must be at most 128 characters')),
    ),
  },
  'each entry of bots must be an object with a token',
);

const WebhookSchema = v.object(
  {
    register: v.optional(v.pipe(v.boolean('webhook.register must be true or false'), v.description('Call setWebhook for every bot at start.')), true),
    publicUrl: v.optional(httpUrl('webhook.publicUrl', 'The public base URL Telegram reaches this server at, when it differs from the server’s own.')),
    maxConnections: v.optional(wholeNumber('webhook.maxConnections', 1, 100, 'At most this many simultaneous webhook requests from Telegram.'), 40),
    dropPendingUpdates: v.optional(v.boolean('webhook.dropPendingUpdates must be true or false'), false),
  },
  'webhook must be an object',
);

/**
 * The options of the channel-telegram plugin: one or more bots, each its own account.
 *
 * @example
 * const config = v.parse(TelegramConfigSchema, { bots: [{ token: '110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw' }] });
 * config.apiBaseUrl; // 'https://api.telegram.org'
 * config.quickReplies; // 'inline'
 */
export const TelegramConfigSchema = v.object(
  {
    bots: v.pipe(
      v.array(BotSchema, 'bots must be a list of bots, each { token }'),
      v.minLength(1, 'bots must list at least one bot'),
      v.check((bots) => new Set(bots.map((bot) => botIdOf(bot.token))).size === bots.length, 'bots must not list the same bot twice'),
    ),
    apiBaseUrl: v.optional(httpUrl('apiBaseUrl', 'The Bot API base URL.'), TELEGRAM_API_BASE_URL),
    webhook: v.optional(WebhookSchema, {}),
    quickReplies: v.optional(
      v.pipe(
        v.picklist(['inline', 'reply'], 'quickReplies must be "inline" or "reply"'),
        v.description('Offer quick replies as buttons under the message (inline) or as a one-time reply keyboard (reply).'),
      ),
      'inline',
    ),
    outboundMedia: v.optional(
      v.pipe(
        v.picklist(['upload', 'url'], 'outboundMedia must be "upload" or "url"'),
        v.description('Upload files to Telegram (works behind firewalls), or hand Telegram a signed URL to fetch.'),
      ),
      'upload',
    ),
    // The core waits 30 s for a delivery; a call, a flood wait and a retry must fit in it.
    timeoutMs: v.optional(wholeNumber('timeoutMs', 100, 12_000, 'How long one Bot API call may take.'), 10_000),
    maxFloodWaitSeconds: v.optional(
      wholeNumber('maxFloodWaitSeconds', 0, 5, 'A 429 with a retry_after up to this long is waited out within the same attempt.'),
      5,
    ),
    retentionDays: v.optional(wholeNumber('retentionDays', 1, 365, 'How long received updates (raw payloads) and offered quick replies are kept.'), 7),
  },
  (issue) => (issue.expected === '"bots"' ? 'bots is required: list your bots as [{ token: ${TELEGRAM_BOT_TOKEN} }]' : 'the options of channel-telegram must be an object'),
);

/** The validated options of the channel-telegram plugin, defaults filled in. */
export type TelegramConfig = v.InferOutput<typeof TelegramConfigSchema>;

/** One configured bot, with what the plugin derives from its token. */
export type TelegramBot = {
  /** The numeric bot id, the account id of its conversations' legs. */
  id: string;
  token: string;
  /** What Telegram must send in X-Telegram-Bot-Api-Secret-Token. */
  webhookSecret: string;
  label: string;
};

/**
 * The bot id is the token's numeric prefix: stable across token revocations, so it names the
 * account.
 *
 * @example
 * botIdOf('110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'); // '110201543'
 */
export function botIdOf(token: string): string {
  return token.slice(0, token.indexOf(':'));
}

/**
 * The bots of a validated config, each with its id and webhook secret. Without a configured
 * secret it is derived from the token, so every instance of the server agrees on it and a
 * revoked token also rotates it.
 *
 * @example
 * const [bot] = resolveBots(config);
 * bot.id; // '110201543'
 */
export function resolveBots(config: TelegramConfig): TelegramBot[] {
  return config.bots.map((bot) => {
    const id = botIdOf(bot.token);
    return {
      id,
      token: bot.token,
      webhookSecret: bot.webhookSecret ?? createHmac('sha256', bot.token).update('switchboard channel-telegram webhook').digest('base64url'),
      label: bot.label ?? `Telegram bot ${id}`,
    };
  });
}
