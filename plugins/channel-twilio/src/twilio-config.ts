import { httpUrl, wholeNumber } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import { toE164 } from './twilio-address';

/** Where Twilio's REST API lives; tests and regional edges point `apiBaseUrl` elsewhere. */
export const DEFAULT_API_BASE_URL = 'https://api.twilio.com';
/** The core waits 30 s for a deliver reply; one send attempt must end well before that. */
const MAX_SEND_TIMEOUT_MS = 25_000;
const TWILIO_URL_REFUSES = ['credentials', 'fragment'] as const;

const NumberSchema = v.pipe(
  v.object(
    {
      number: v.pipe(
        v.string('numbers[].number must be a string'),
        v.check((value) => toE164(value) === value, 'numbers[].number must be the Twilio number in E.164 form, e.g. +12025550100'),
        v.description('The Twilio phone number (or WhatsApp sender) in E.164 form.'),
      ),
      label: v.optional(v.pipe(v.string('numbers[].label must be a string'), v.minLength(1), v.maxLength(100), v.description('What agents see for this number.'))),
      sms: v.optional(v.boolean('numbers[].sms must be true or false'), true),
      whatsapp: v.optional(v.boolean('numbers[].whatsapp must be true or false'), false),
      messagingServiceSid: v.optional(
        v.pipe(
          v.string('numbers[].messagingServiceSid must be a string'),
          v.regex(/^MG[0-9a-fA-F]{32}$/, 'numbers[].messagingServiceSid must be a Messaging Service SID: MG followed by 32 hex digits'),
          v.description('Send SMS/MMS through this Messaging Service instead of `From` (WhatsApp always uses `From`); STOP opt-outs then cover every number of the service.'),
        ),
      ),
    },
    'every entry of numbers must be an object with at least `number`',
  ),
  v.check((entry) => entry.sms || entry.whatsapp, 'a number needs sms: true or whatsapp: true, otherwise it serves nothing'),
);

/**
 * The options of the channel-twilio plugin. The Auth Token is a secret (`authToken` in the
 * config file's `secrets` block), never an option.
 *
 * @example
 * const config = v.parse(TwilioConfigSchema, {
 *   accountSid: 'AC0a1b2c3d4e5f60718293a4b5c6d7e8f9',
 *   numbers: [{ number: '+12025550100', whatsapp: true }],
 * });
 * config.apiBaseUrl; // 'https://api.twilio.com'
 * config.numbers[0]?.sms; // true
 */
export const TwilioConfigSchema = v.object(
  {
    accountSid: v.pipe(
      v.string('accountSid must be a string'),
      v.regex(/^AC[0-9a-fA-F]{32}$/, 'accountSid must be the Twilio Account SID: AC followed by 32 hex digits (Twilio console → Account info)'),
      v.description('The Twilio Account SID; with the authToken secret it signs webhooks and authenticates API calls.'),
    ),
    numbers: v.pipe(
      v.array(NumberSchema, 'numbers must be a list of Twilio numbers'),
      v.minLength(1, 'numbers must list at least one Twilio number'),
      v.check((list) => new Set(list.map((n) => n.number)).size === list.length, 'numbers lists the same number twice; give each number once with sms/whatsapp flags'),
      v.description('The Twilio numbers this channel serves, each with SMS and/or WhatsApp enabled.'),
    ),
    // The signature covers the URL exactly; a trailing slash (httpUrl trims it) would change every path built from it.
    webhookBaseUrl: v.optional(
      httpUrl(
        'webhookBaseUrl',
        'The public URL of these routes exactly as entered in the Twilio console, without /messages or /status. Default: the server public URL + /plugins/channel-twilio. Set it when a proxy changes the host or path.',
        { without: TWILIO_URL_REFUSES, example: 'https://inbox.example.com/plugins/channel-twilio' },
      ),
    ),
    apiBaseUrl: v.optional(
      httpUrl('apiBaseUrl', 'Base URL of the Twilio REST API (also where media is fetched from).', { without: TWILIO_URL_REFUSES, example: DEFAULT_API_BASE_URL }),
      DEFAULT_API_BASE_URL,
    ),
    sendTimeoutMs: v.optional(wholeNumber('sendTimeoutMs', 100, MAX_SEND_TIMEOUT_MS, 'How long one Messages API call may take before it counts as a retryable timeout, in ms.'), 10_000),
    media: v.optional(
      v.object(
        {
          maxBytes: v.optional(wholeNumber('media.maxBytes', 1024, 100 * 1024 * 1024, 'Largest inbound media file stored, in bytes; larger ones are left out with a note.'), 16 * 1024 * 1024),
          timeoutMs: v.optional(wholeNumber('media.timeoutMs', 100, 120_000, 'How long one media download may take, in ms.'), 30_000),
        },
        'media must be an object',
      ),
      {},
    ),
  },
  (issue) =>
    issue.expected === '"accountSid"' || issue.expected === '"numbers"'
      ? `${issue.expected.replaceAll('"', '')} is required: set accountSid and numbers in the options of channel-twilio`
      : 'the options of channel-twilio must be an object',
);

/** The validated options of channel-twilio, defaults filled in. */
export type TwilioConfig = v.InferOutput<typeof TwilioConfigSchema>;
/** One configured Twilio number. */
export type TwilioNumberConfig = TwilioConfig['numbers'][number];
