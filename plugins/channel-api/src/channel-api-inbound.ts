import { problemResponse, type ChannelAdapter, type Logger, type PluginAttachments } from '@switchboard/plugin-sdk';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import { requireBearerToken } from './channel-api-auth';
import type { ChannelApiInboundConfig } from './channel-api-config';
import { ChannelApiError, ChannelApiErrorCodes, errorToProblem, type FieldProblem } from './channel-api-errors';
import {
  API_USER_IDENTITY_TYPE,
  StatusReportSchema,
  base64DecodedLength,
  createInboundMessageSchema,
  type InboundMessage,
} from './channel-api-inbound-schemas';

/** What the inbound routes need from the plugin context. */
export type InboundRoutesOptions = {
  channel: Pick<ChannelAdapter, 'recordInbound' | 'updateDelivery'>;
  attachments: Pick<PluginAttachments, 'put'>;
  limits: ChannelApiInboundConfig;
  /** The `inboundToken` secret integrators send as `Authorization: Bearer <token>`. */
  inboundToken: string;
  logger: Logger;
};

/** The 202 answer of `POST /messages`. */
export type InboundMessageAccepted = {
  messageId: string;
  conversationId: string;
  contactId: string;
  /** True when a message with the same `id` was recorded before; the ids are the first one's. */
  duplicate: boolean;
};

const STATUS_BODY_LIMIT = 64 * 1024;

/**
 * Builds the integrator-facing HTTP API as a Hono sub-app with its own problem+json error
 * handler: `POST /messages` records a customer's message, `POST /statuses` reports what
 * happened to an outbound one. Mount it on the plugin's routes (`/plugins/channel-api/`).
 *
 * @example
 * ctx.http.route('/', createInboundRoutes({ channel, attachments: ctx.attachments, limits: ctx.config.inbound, inboundToken: ctx.secrets.inboundToken, logger: ctx.logger }));
 */
export function createInboundRoutes(options: InboundRoutesOptions): Hono {
  const { channel, limits, logger } = options;
  const messageSchema = createInboundMessageSchema(limits);
  const auth = requireBearerToken(options.inboundToken);
  const routes = new Hono();
  routes.onError((err, c) => errorToProblem(err, c, logger));

  routes.post('/messages', auth, limitBody(messageBodyLimit(limits)), async (c) => {
    const message = await parseJsonBody(c, messageSchema);
    const attachmentIds = await storeAttachments(message, options.attachments, limits.maxAttachmentBytes);
    const result = await channel.recordInbound({
      thread: message.thread,
      from: {
        identity: { type: API_USER_IDENTITY_TYPE, value: message.from.id },
        name: message.from.name ?? null,
        // The integrator's contact details are unverified: agents see them as merge suggestions.
        hints: [
          ...(message.from.email !== undefined ? [{ type: 'email', value: message.from.email }] : []),
          ...(message.from.phone !== undefined ? [{ type: 'phone', value: message.from.phone }] : []),
        ],
      },
      providerMessageId: message.id,
      text: message.text,
      attachmentIds,
      ...(message.replyToId !== undefined ? { replyToProviderMessageId: message.replyToId } : {}),
    });
    logger.info(
      { providerMessageId: message.id, messageId: result.messageId, conversationId: result.conversationId, duplicate: result.duplicate, attachments: attachmentIds.length },
      result.duplicate ? 'inbound message was a duplicate' : 'inbound message recorded',
    );
    const accepted: InboundMessageAccepted = {
      messageId: result.messageId,
      conversationId: result.conversationId,
      contactId: result.contactId,
      duplicate: result.duplicate,
    };
    return c.json(accepted, 202);
  });

  routes.post('/statuses', auth, limitBody(STATUS_BODY_LIMIT), async (c) => {
    const report = await parseJsonBody(c, StatusReportSchema);
    const result = await channel.updateDelivery({
      ...(report.messageId !== undefined ? { messageId: report.messageId } : {}),
      ...(report.providerMessageId !== undefined ? { providerMessageId: report.providerMessageId } : {}),
      state: report.state,
      error:
        report.state === 'failed'
          ? { code: report.error?.code ?? 'receiver_failed', message: report.error?.message ?? 'the receiver reported the message as failed', retryable: false }
          : null,
    });
    logger.info({ messageId: result.messageId, state: result.state, changed: result.changed }, 'delivery status reported');
    return c.json(result, 200);
  });

  return routes;
}

/** The largest body `POST /messages` can legitimately have under the configured limits. */
function messageBodyLimit(limits: ChannelApiInboundConfig): number {
  const perAttachment = Math.ceil(limits.maxAttachmentBytes / 3) * 4 + 1024;
  // Text may be JSON-escaped as \uXXXX: six bytes per character at worst.
  return limits.maxAttachments * perAttachment + limits.maxTextLength * 6 + 64 * 1024;
}

/**
 * Refuses a body over `maxSize` with 413. A declared `Content-Length` is checked as it is (so the
 * body is never touched here: hono's bodyLimit asks the request for its body stream, which makes
 * the Node adapter build a full WHATWG Request); a chunked body is counted by hono's bodyLimit.
 */
function limitBody(maxSize: number): MiddlewareHandler {
  const tooLarge = (c: Context) => problemResponse(c, 413, ChannelApiErrorCodes.BODY_TOO_LARGE, `channel-api: the body is larger than ${maxSize} bytes`);
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    if (Number(declared) > maxSize) return tooLarge(c);
    await next();
  };
}

async function parseJsonBody<TSchema extends v.GenericSchema>(c: Context, schema: TSchema): Promise<v.InferOutput<TSchema>> {
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch (cause) {
    throw new ChannelApiError({
      code: ChannelApiErrorCodes.MALFORMED_JSON,
      status: 400,
      message: `channel-api: the body is not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`,
      cause,
    });
  }
  const parsed = v.safeParse(schema, json);
  if (!parsed.success) {
    const errors: FieldProblem[] = parsed.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message }));
    throw new ChannelApiError({
      code: ChannelApiErrorCodes.INVALID_BODY,
      status: 422,
      message: `channel-api: the body was refused: ${errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ')}`,
      details: errors,
    });
  }
  return parsed.output;
}

async function storeAttachments(message: InboundMessage, attachments: InboundRoutesOptions['attachments'], maxBytes: number): Promise<string[]> {
  // Every size is checked before anything is stored, so a refused request leaves nothing behind.
  message.attachments.forEach((attachment, index) => {
    const size = base64DecodedLength(attachment.dataBase64);
    if (size > maxBytes) {
      const detail = `attachment "${attachment.filename}" is ${size} bytes; the limit is ${maxBytes} (inbound.maxAttachmentBytes)`;
      throw new ChannelApiError({
        code: ChannelApiErrorCodes.ATTACHMENT_TOO_LARGE,
        status: 413,
        message: `channel-api: ${detail}`,
        details: [{ path: `attachments.${index}.dataBase64`, message: detail }],
      });
    }
  });
  // A retried request stores its files again before the core reports the duplicate; the core
  // keeps the first message's attachments, so the copies stay unreferenced.
  const ids: string[] = [];
  for (const attachment of message.attachments) {
    const ref = await attachments.put({
      data: Buffer.from(attachment.dataBase64, 'base64'),
      filename: attachment.filename,
      declaredType: attachment.contentType,
    });
    ids.push(ref.id);
  }
  return ids;
}
