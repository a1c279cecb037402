import { httpUrl, secretMatching, wholeNumber } from '@switchboard/plugin-sdk';
import * as v from 'valibot';

/** Viber's REST bot API; tests point `apiBaseUrl` at a stand-in. */
export const VIBER_API_BASE_URL = 'https://chatapi.viber.com/pa';

/** Longest `sender.name` Viber accepts. */
export const VIBER_SENDER_NAME_LIMIT = 28;

const BotSchema = v.object(
  {
    id: v.pipe(
      v.string('bots[].id must be a string'),
      v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'bots[].id must be 1–64 lower-case letters, digits or -, e.g. "support"'),
      v.description('Names the bot: its account id in conversations and its webhook path. Keep it stable.'),
    ),
    token: v.pipe(
      v.string('bots[].token must be a string (usually ${VIBER_BOT_TOKEN})'),
      secretMatching(/^[A-Za-z0-9-]{20,128}$/, 'bots[].token must be the bot’s authentication token from the Viber Admin Panel', 'the authentication token from the Viber Admin Panel'),
      v.description('The bot’s authentication token. Give it as ${ENV_VAR}; it is never logged.'),
    ),
    sender: v.object(
      {
        name: v.pipe(
          v.string('bots[].sender.name must be a string'),
          v.minLength(1, 'bots[].sender.name must not be empty'),
          v.maxLength(VIBER_SENDER_NAME_LIMIT, `bots[].sender.name must be at most ${VIBER_SENDER_NAME_LIMIT} characters (Viber’s limit)`),
        ),
        avatar: v.optional(httpUrl('bots[].sender.avatar', 'The sender avatar shown with messages (≤ 100 KB, 720×720 recommended).')),
      },
      'bots[].sender must be an object with a name, e.g. { name: Example Support }',
    ),
    welcomeMessage: v.optional(
      v.object(
        { text: v.pipe(v.string('bots[].welcomeMessage.text must be a string'), v.minLength(1, 'bots[].welcomeMessage.text must not be empty'), v.maxLength(7000, 'bots[].welcomeMessage.text must be at most 7000 characters')) },
        'bots[].welcomeMessage must be an object with a text',
      ),
    ),
    label: v.optional(v.pipe(v.string('bots[].label must be a string'), v.minLength(1, 'bots[].label must not be empty'), v.maxLength(128, 'bots[].label must be at most 128 characters'))),
  },
  (issue) => (issue.expected?.startsWith('"') ? `bots[].${issue.expected.slice(1, -1)} is required` : 'each entry of bots must be an object with id, token and sender'),
);

const WebhookSchema = v.object(
  {
    register: v.optional(v.pipe(v.boolean('webhook.register must be true or false'), v.description('Call set_webhook for every bot at start.')), true),
    publicUrl: v.optional(httpUrl('webhook.publicUrl', 'The public base URL Viber reaches this server at, when it differs from the server’s own.')),
    sendName: v.optional(v.boolean('webhook.sendName must be true or false'), true),
    sendPhoto: v.optional(v.boolean('webhook.sendPhoto must be true or false'), true),
  },
  'webhook must be an object',
);

/**
 * The options of the channel-viber plugin: one or more bots, each its own account.
 *
 * @example
 * const config = v.parse(ViberConfigSchema, { bots: [{ id: 'support', token: '4f1d2c3b4a596877-8695a4b3c2d1e0f1-0a1b2c3d4e5f6a7b', sender: { name: 'Example Support' } }] });
 * config.apiBaseUrl; // 'https://chatapi.viber.com/pa'
 */
export const ViberConfigSchema = v.object(
  {
    bots: v.pipe(
      v.array(BotSchema, 'bots must be a list of bots, each { id, token, sender: { name } }'),
      v.minLength(1, 'bots must list at least one bot'),
      v.check((bots) => new Set(bots.map((bot) => bot.id)).size === bots.length, 'bots must have distinct ids'),
      v.check((bots) => new Set(bots.map((bot) => bot.token)).size === bots.length, 'bots must not list the same token twice'),
    ),
    apiBaseUrl: v.optional(httpUrl('apiBaseUrl', 'The REST bot API base URL.'), VIBER_API_BASE_URL),
    webhook: v.optional(WebhookSchema, {}),
    minApiVersion: v.optional(wholeNumber('minApiVersion', 1, 20, 'The min_api_version of outbound messages.'), 1),
    // The core waits 30 s for a delivery; a send and its media must fit in it.
    timeoutMs: v.optional(wholeNumber('timeoutMs', 100, 25_000, 'How long one API call or media download may take.'), 10_000),
    retentionDays: v.optional(wholeNumber('retentionDays', 1, 365, 'How long raw callbacks, offered quick replies and sent message tokens are kept.'), 30),
  },
  (issue) =>
    issue.expected === '"bots"' ? 'bots is required: list your bots as [{ id, token: ${VIBER_BOT_TOKEN}, sender: { name } }]' : 'the options of channel-viber must be an object',
);

/** The validated options of the channel-viber plugin, defaults filled in. */
export type ViberConfig = v.InferOutput<typeof ViberConfigSchema>;
/** One configured bot. */
export type ViberBot = ViberConfig['bots'][number];
