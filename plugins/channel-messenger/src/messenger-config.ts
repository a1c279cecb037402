import { isHttpUrl } from '@switchboard/plugin-sdk';
import * as v from 'valibot';

/** Graph API version used when `graphApiVersion` is not set. */
export const DEFAULT_GRAPH_API_VERSION = 'v25.0';
/** Meta's Graph API; tests point `graphApiBaseUrl` at a local stand-in. */
export const DEFAULT_GRAPH_API_BASE_URL = 'https://graph.facebook.com';
/** Messenger's and Instagram's standard messaging window after the person's last message. */
export const MESSENGER_REPLY_WINDOW_HOURS = 24;
/** How long after the person's last message a human agent may still answer with the HUMAN_AGENT tag. */
export const HUMAN_AGENT_WINDOW_DAYS = 7;

const NumericId = (what: string) => v.pipe(v.string(`${what} must be a string (quote it in YAML)`), v.regex(/^\d{5,32}$/, `${what} must be a numeric id, e.g. "109876543210987"`));

const AccountSchema = v.pipe(
  v.object(
    {
      id: v.pipe(NumericId('accounts[].id'), v.description('The Facebook Page id, or the Instagram professional account id (entry.id of its webhooks).')),
      platform: v.optional(v.picklist(['messenger', 'instagram'], 'accounts[].platform must be "messenger" or "instagram"'), 'messenger'),
      pageId: v.optional(v.pipe(NumericId('accounts[].pageId'), v.description('Instagram only: the Facebook Page linked to the account; sends go through it with its token.'))),
      label: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(128))),
    },
    (issue) => (issue.expected === '"id"' ? 'accounts[].id is required: the Page id or Instagram account id' : 'each entry of accounts must be an object'),
  ),
  v.check((a) => a.platform === 'messenger' || a.pageId !== undefined, 'an instagram account needs pageId: the Facebook Page it is linked to (Messenger API for Instagram)'),
  v.check((a) => a.platform === 'instagram' || a.pageId === undefined, 'pageId is only for instagram accounts; a Page sends for itself'),
);

/**
 * The options of the Messenger channel: the Facebook Pages and Instagram accounts it serves and
 * how it reaches the Graph API. The secrets (`appSecret`, `verifyToken`, `pageAccessTokens`) live
 * in the config file's `secrets` block.
 *
 * @example
 * const config = v.parse(MessengerConfigSchema, { accounts: [{ id: '109876543210987' }, { id: '17841400000000001', platform: 'instagram', pageId: '109876543210987' }] });
 * config.humanAgentTag; // true
 */
export const MessengerConfigSchema = v.object(
  {
    accounts: v.pipe(
      v.array(AccountSchema, 'accounts must be a list of { id, platform?, pageId?, label? }'),
      v.minLength(1, 'accounts needs at least one Facebook Page or Instagram account ({ id })'),
      v.maxLength(100, 'accounts may list at most 100 Pages and Instagram accounts'),
      v.check((list) => new Set(list.map((a) => a.id)).size === list.length, 'accounts lists the same id twice'),
    ),
    appId: v.optional(v.pipe(NumericId('appId'), v.description('Your Meta app id; echoes of its own sends are recognised by it.'))),
    humanAgentTag: v.optional(v.boolean('humanAgentTag must be true or false'), true),
    fetchProfiles: v.optional(v.boolean('fetchProfiles must be true or false'), true),
    graphApiVersion: v.optional(v.pipe(v.string(), v.regex(/^v\d{1,3}\.\d{1,2}$/, 'graphApiVersion must look like "v25.0"')), DEFAULT_GRAPH_API_VERSION),
    graphApiBaseUrl: v.optional(
      v.pipe(
        v.string(),
        v.check((url) => isHttpUrl(url, { without: ['query', 'fragment'] }), 'graphApiBaseUrl must be an absolute http(s) URL without query, e.g. https://graph.facebook.com'),
        v.transform((url) => url.replace(/\/+$/, '')),
      ),
      DEFAULT_GRAPH_API_BASE_URL,
    ),
    requestTimeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(500), v.maxValue(25_000, 'requestTimeoutMs must be at most 25000 (the core waits 30 s for a delivery)')), 10_000),
    maxMediaBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100 * 1024 * 1024, 'maxMediaBytes must be at most 104857600')), 25 * 1024 * 1024),
  },
  (issue) => (issue.expected === '"accounts"' ? 'accounts is required: list your Facebook Pages (and Instagram accounts) as { id }' : 'the options of channel-messenger must be an object'),
);

/** The validated options of the Messenger channel, defaults filled in. */
export type MessengerConfig = v.InferOutput<typeof MessengerConfigSchema>;
/** One configured Page or Instagram account. */
export type MessengerAccount = MessengerConfig['accounts'][number];

/**
 * The Page whose token and Send API an account uses: itself, or the Page an Instagram account is linked to.
 *
 * @example
 * sendingPageOf({ id: '17841400000000001', platform: 'instagram', pageId: '109876543210987' }); // '109876543210987'
 */
export function sendingPageOf(account: MessengerAccount): string {
  return account.platform === 'instagram' ? account.pageId! : account.id;
}
