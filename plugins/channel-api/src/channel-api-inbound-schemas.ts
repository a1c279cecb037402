import { IdSchema } from '@switchboard/events';
import * as v from 'valibot';
import type { ChannelApiInboundConfig } from './channel-api-config';

/**
 * The identity type under which integrators' users become contacts.
 *
 * @example
 * const identity = { type: API_USER_IDENTITY_TYPE, value: body.from.id }; // { type: 'api_user', value: 'crm-user-5' }
 */
export const API_USER_IDENTITY_TYPE = 'api_user';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The number of bytes a standard base64 string decodes to, computed without decoding it.
 *
 * @example
 * base64DecodedLength('aGVsbG8='); // 5
 */
export function base64DecodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/** A message for a missing key, naming the key and what to put there. */
function missingKey(hints: Record<string, string>, otherwise: string) {
  return (issue: v.BaseIssue<unknown>) => {
    const key = issue.expected?.replace(/^"|"$/g, '');
    return key !== undefined && hints[key] ? hints[key] : otherwise;
  };
}

const AttachmentSchema = v.object(
  {
    filename: v.pipe(v.string('filename must be a string'), v.trim(), v.minLength(1, 'filename must not be empty'), v.maxLength(255, 'filename must be at most 255 characters')),
    contentType: v.optional(
      v.pipe(v.string('contentType must be a string'), v.regex(/^[\w.+-]+\/[\w.+-]+/, 'contentType must be a MIME type such as image/png'), v.maxLength(255)),
    ),
    dataBase64: v.pipe(
      v.string('dataBase64 must be a string'),
      // Line breaks are common in base64 from MIME tools; they carry no data.
      v.transform((value) => value.replace(/\s+/g, '')),
      v.minLength(1, 'dataBase64 must not be empty'),
      v.regex(BASE64, 'dataBase64 must be standard base64 (A-Z a-z 0-9 + / with = padding), not base64url or a data: URL'),
    ),
  },
  missingKey({ filename: 'filename is required', dataBase64: 'dataBase64 is required: the file content, base64-encoded' }, 'each attachment must be an object'),
);

/**
 * Builds the schema of `POST /messages` for the configured limits.
 *
 * @example
 * const schema = createInboundMessageSchema(config.inbound);
 * const message = v.parse(schema, { id: 'm-1', thread: 't-9', from: { id: 'u-7' }, text: 'Hi' });
 */
export function createInboundMessageSchema(limits: ChannelApiInboundConfig) {
  return v.pipe(
    v.object(
      {
        id: v.pipe(v.string('id must be a string'), v.minLength(1, 'id must not be empty'), v.maxLength(512, 'id must be at most 512 characters')),
        thread: v.pipe(v.string('thread must be a string'), v.minLength(1, 'thread must not be empty'), v.maxLength(512, 'thread must be at most 512 characters')),
        from: v.object(
          {
            id: v.pipe(v.string('from.id must be a string'), v.minLength(1, 'from.id must not be empty'), v.maxLength(320, 'from.id must be at most 320 characters')),
            name: v.optional(v.pipe(v.string('from.name must be a string'), v.maxLength(256, 'from.name must be at most 256 characters'))),
            email: v.optional(v.pipe(v.string('from.email must be a string'), v.email('from.email must be an email address'), v.maxLength(320))),
            phone: v.optional(v.pipe(v.string('from.phone must be a string'), v.regex(/^\+[1-9]\d{1,14}$/, 'from.phone must be in E.164 format, e.g. +4915112345678'))),
          },
          missingKey({ id: 'from.id is required: your user id of the sender' }, 'from must be an object with at least id'),
        ),
        text: v.optional(
          v.pipe(v.string('text must be a string'), v.maxLength(limits.maxTextLength, `text must be at most ${limits.maxTextLength} characters`)),
          '',
        ),
        attachments: v.optional(
          v.pipe(
            v.array(AttachmentSchema, 'attachments must be an array'),
            v.maxLength(
              limits.maxAttachments,
              limits.maxAttachments === 0 ? 'attachments are turned off (inbound.maxAttachments is 0)' : `at most ${limits.maxAttachments} attachments per message`,
            ),
          ),
          [],
        ),
        replyToId: v.optional(v.pipe(v.string('replyToId must be a string'), v.minLength(1), v.maxLength(512))),
      },
      missingKey(
        {
          id: 'id is required: your message id, which also de-duplicates retries',
          thread: 'thread is required: your conversation or thread id',
          from: 'from is required: { id, name?, email?, phone? } of the sender',
        },
        'the body must be a JSON object',
      ),
    ),
    v.forward(
      v.partialCheck(
        [['text'], ['attachments']],
        (message) => message.text.trim().length > 0 || message.attachments.length > 0,
        'a message needs a non-empty text or at least one attachment',
      ),
      ['text'],
    ),
  );
}

/** A validated `POST /messages` body. */
export type InboundMessage = v.InferOutput<ReturnType<typeof createInboundMessageSchema>>;

/**
 * The body of `POST /statuses`: what the integrator's side learned about an outbound message.
 * The message is named by Switchboard's id (`messageId`, the webhook's `id`) or by the id the
 * receiver answered the webhook with (`providerMessageId`).
 *
 * @example
 * v.parse(StatusReportSchema, { messageId: '01JD…', state: 'delivered' });
 */
export const StatusReportSchema = v.pipe(
  v.object(
    {
      messageId: v.optional(IdSchema),
      providerMessageId: v.optional(v.pipe(v.string('providerMessageId must be a string'), v.minLength(1), v.maxLength(512))),
      state: v.picklist(['delivered', 'read', 'failed'], 'state must be one of delivered, read, failed'),
      error: v.optional(
        v.object(
          {
            code: v.pipe(v.string('error.code must be a string'), v.minLength(1), v.maxLength(128)),
            message: v.pipe(v.string('error.message must be a string'), v.maxLength(1000)),
          },
          missingKey({ code: 'error.code is required', message: 'error.message is required' }, 'error must be an object { code, message }'),
        ),
      ),
    },
    missingKey({ state: 'state is required: delivered, read or failed' }, 'the body must be a JSON object'),
  ),
  v.check(
    (report) => report.messageId !== undefined || report.providerMessageId !== undefined,
    'give messageId (the webhook id) or providerMessageId (the id you answered the webhook with)',
  ),
);

/** A validated `POST /statuses` body. */
export type StatusReport = v.InferOutput<typeof StatusReportSchema>;
