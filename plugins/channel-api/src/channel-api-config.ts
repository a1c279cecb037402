import { isHttpUrl, wholeNumber } from '@switchboard/plugin-sdk';
import * as v from 'valibot';

/** The longest text the core stores for one message; `inbound.maxTextLength` may not exceed it. */
export const CORE_MAX_TEXT_LENGTH = 65_536;
const MAX_TIMEOUT_MS = 25_000;

const OutboundConfigSchema = v.object(
  {
    url: v.pipe(
      v.string('outbound.url must be a string'),
      v.check(isHttpUrl, 'outbound.url must be an absolute http:// or https:// URL, e.g. https://crm.example.com/hooks/switchboard'),
      v.description('Where outbound messages are POSTed as signed `message.created` webhooks.'),
    ),
    timeoutMs: v.optional(
      // The core waits 30 s for a deliver reply; an attempt must end before it gives up and retries.
      wholeNumber('outbound.timeoutMs', 100, MAX_TIMEOUT_MS, 'How long one attempt may take before it counts as a retryable timeout.', { unit: 'milliseconds' }),
      10_000,
    ),
  },
  (issue) => (issue.expected === '"url"' ? 'outbound.url is required: the URL that receives outbound messages' : 'outbound must be an object'),
);

const InboundConfigSchema = v.object(
  {
    maxTextLength: v.optional(
      wholeNumber('inbound.maxTextLength', 1, CORE_MAX_TEXT_LENGTH, 'Longest `text` accepted on POST /messages, in characters; longer is refused with 422.'),
      CORE_MAX_TEXT_LENGTH,
    ),
    maxAttachments: v.optional(
      wholeNumber('inbound.maxAttachments', 0, 20, 'Most attachments one inbound message may carry; 0 refuses attachments.'),
      10,
    ),
    maxAttachmentBytes: v.optional(
      wholeNumber('inbound.maxAttachmentBytes', 1, 25 * 1024 * 1024, 'Largest decoded size of one attachment; a larger one is refused with 413.', { unit: 'bytes' }),
      10 * 1024 * 1024,
    ),
  },
  'inbound must be an object',
);

/**
 * The options of the channel-api plugin. Only `outbound.url` is required; everything else has a
 * default. The secrets (`inboundToken`, `webhookSecret`) live in the config file's `secrets`
 * block, never here.
 *
 * @example
 * const config = v.parse(ChannelApiConfigSchema, { outbound: { url: 'https://crm.example.com/hooks/switchboard' } });
 * config.outbound.timeoutMs; // 10000
 * config.inbound.maxAttachments; // 10
 */
export const ChannelApiConfigSchema = v.object(
  {
    outbound: OutboundConfigSchema,
    inbound: v.optional(InboundConfigSchema, {}),
  },
  (issue) =>
    issue.expected === '"outbound"'
      ? 'outbound is required: set outbound.url to the URL that receives outbound messages'
      : 'the options of channel-api must be an object',
);

/** The validated options of the channel-api plugin, defaults filled in. */
export type ChannelApiConfig = v.InferOutput<typeof ChannelApiConfigSchema>;
/** The `inbound` part of {@link ChannelApiConfig}. */
export type ChannelApiInboundConfig = ChannelApiConfig['inbound'];
/** The `outbound` part of {@link ChannelApiConfig}. */
export type ChannelApiOutboundConfig = ChannelApiConfig['outbound'];
