import { isHttpUrl } from '@switchboard/plugin-sdk';
import * as v from 'valibot';

/** Graph API version used when `graphApiVersion` is not set. */
export const DEFAULT_GRAPH_API_VERSION = 'v25.0';
/** Meta's Graph API; tests point `graphApiBaseUrl` at a local stand-in. */
export const DEFAULT_GRAPH_API_BASE_URL = 'https://graph.facebook.com';
/** WhatsApp's customer-service window: free-form messages only this long after the customer's last one. */
export const WHATSAPP_REPLY_WINDOW_HOURS = 24;

const AccountSchema = v.object(
  {
    phoneNumberId: v.pipe(
      v.string('accounts[].phoneNumberId must be a string'),
      v.regex(/^\d{5,32}$/, 'accounts[].phoneNumberId must be the numeric Phone number ID from WhatsApp Manager (API Setup), e.g. "106540352242922"'),
      v.description('The phone number ID Meta routes webhooks by and sends from; also the account id of legs.'),
    ),
    label: v.optional(
      v.pipe(v.string('accounts[].label must be a string'), v.minLength(1), v.maxLength(128), v.description('What agents see for this number, e.g. "Support +1 202-555-0100".')),
    ),
  },
  (issue) => (issue.expected === '"phoneNumberId"' ? 'accounts[].phoneNumberId is required' : 'each entry of accounts must be an object'),
);

/**
 * The options of the WhatsApp Cloud channel: the business numbers it serves and how it reaches
 * the Graph API. The secrets (`appSecret`, `verifyToken`, `accessToken`) live in the config
 * file's `secrets` block.
 *
 * @example
 * const config = v.parse(WhatsAppCloudConfigSchema, { accounts: [{ phoneNumberId: '106540352242922' }] });
 * config.graphApiVersion; // 'v25.0'
 */
export const WhatsAppCloudConfigSchema = v.object(
  {
    accounts: v.pipe(
      v.array(AccountSchema, 'accounts must be a list of { phoneNumberId, label? }'),
      v.minLength(1, 'accounts needs at least one WhatsApp business number ({ phoneNumberId })'),
      v.maxLength(100, 'accounts may list at most 100 numbers'),
      v.check((list) => new Set(list.map((a) => a.phoneNumberId)).size === list.length, 'accounts lists the same phoneNumberId twice'),
    ),
    graphApiVersion: v.optional(
      v.pipe(v.string(), v.regex(/^v\d{1,3}\.\d{1,2}$/, 'graphApiVersion must look like "v25.0"'), v.description('The Graph API version in every request path.')),
      DEFAULT_GRAPH_API_VERSION,
    ),
    graphApiBaseUrl: v.optional(
      v.pipe(
        v.string(),
        v.check((url) => isHttpUrl(url, { without: ['query', 'fragment'] }), 'graphApiBaseUrl must be an absolute http(s) URL without query, e.g. https://graph.facebook.com'),
        v.transform((url) => url.replace(/\/+$/, '')),
        v.description('Base URL of the Graph API.'),
      ),
      DEFAULT_GRAPH_API_BASE_URL,
    ),
    requestTimeoutMs: v.optional(
      v.pipe(v.number(), v.integer(), v.minValue(500), v.maxValue(25_000, 'requestTimeoutMs must be at most 25000 (the core waits 30 s for a delivery)')),
      10_000,
    ),
    maxMediaBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100 * 1024 * 1024, 'maxMediaBytes must be at most 104857600 (WhatsApp’s largest document)')), 25 * 1024 * 1024),
    outboundMedia: v.optional(v.picklist(['link', 'upload'], 'outboundMedia must be "link" or "upload"'), 'link'),
    listButtonLabel: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(20, 'listButtonLabel must be at most 20 characters (a WhatsApp limit)')), 'Options'),
  },
  (issue) => (issue.expected === '"accounts"' ? 'accounts is required: list your WhatsApp business numbers as { phoneNumberId }' : 'the options of channel-whatsapp-cloud must be an object'),
);

/** The validated options of the WhatsApp Cloud channel, defaults filled in. */
export type WhatsAppCloudConfig = v.InferOutput<typeof WhatsAppCloudConfigSchema>;
/** One configured business number. */
export type WhatsAppCloudAccount = WhatsAppCloudConfig['accounts'][number];
