import { fileTypeFromBuffer } from 'file-type';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { isSwitchboardError } from '@switchboard/plugin-sdk';
import { submitCsat } from './webchat-csat';
import { WebchatError, WebchatErrorCodes, errorToProblem } from './webchat-errors';
import { fanOut } from './webchat-fanout';
import { requireVisitor, type WebchatEnv } from './webchat-guard';
import { enforceLimit, parseJson, validate } from './webchat-http';
import { recordVisitorMessage } from './webchat-inbound';
import type { StoredMessage } from './webchat-message-store';
import type { WebchatRuntime } from './webchat-runtime';
import { CsatSchema, HistoryQuerySchema, SeenSchema, TypingSchema, createSendMessageSchema } from './webchat-schemas';
import { conversationView } from './webchat-session-routes';
import { toWireMessage } from './webchat-wire';

/** Most agent messages one `seen` call marks read; the rest follow with the next call. */
const MAX_READ_PER_CALL = 200;
/** Room for the multipart envelope around an upload. */
const MULTIPART_OVERHEAD = 16 * 1024;

/**
 * The messaging routes of the visitor API (PROTOCOL.md §3.5–3.9): history, sending with `echo_id`
 * idempotency, uploads (type sniffed, size limited), typing, the seen watermark and ratings.
 *
 * @example
 * ctx.http.route('/', createMessageRoutes(runtime));
 */
export function createMessageRoutes(runtime: WebchatRuntime): Hono<WebchatEnv> {
  const { visitors, widgets, limiter, messages, logger } = runtime;
  const routes = new Hono<WebchatEnv>();
  routes.onError((err, c) => errorToProblem(err, c, logger));
  const authed = requireVisitor({ visitors, widgets, limiter });
  const sendSchemas = new Map(widgets.all.map((w) => [w.id, createSendMessageSchema(w.maxTextLength)]));

  routes.get('/v1/messages', authed, async (c) => {
    const query = validate(HistoryQuerySchema, c.req.query(), 'query');
    const visitor = c.get('visitor');
    const page = await messages.page(visitor.id, { after: query.after, before: query.before, limit: query.limit });
    await markDelivered(runtime, page.messages);
    return c.json({
      messages: await Promise.all(page.messages.map((m) => toWireMessage(m, runtime.attachments, visitor.agentReadSeq))),
      has_more: page.hasMore,
      last_seq: await messages.lastSeq(visitor.id),
      agent_read_up_to_seq: visitor.agentReadSeq,
      conversation: conversationView(visitor),
    });
  });

  routes.post('/v1/messages', authed, async (c) => {
    const widget = c.get('widget');
    const visitor = c.get('visitor');
    enforceLimit(limiter, `messages:${visitor.id}`, widget.rateLimits.messagesPerVisitor, widget.rateLimits.windowSeconds, 'messages from this visitor');
    const body = await parseJson(c, sendSchemas.get(widget.id)!);
    if (widget.preChat.mode === 'required' && !visitor.prechatDone && visitor.externalId === null) {
      throw new WebchatError({ code: WebchatErrorCodes.PRECHAT_REQUIRED, status: 409, message: `channel-webchat: widget ${widget.id} asks for the pre-chat form first (POST /v1/profile)` });
    }
    const attachments = await messages.uploadsOf(visitor.id, body.attachment_ids);
    if (attachments.length !== new Set(body.attachment_ids).size || attachments.length !== body.attachment_ids.length) {
      const known = new Set(attachments.map((a) => a.id));
      throw new WebchatError({
        code: WebchatErrorCodes.ATTACHMENT_UNKNOWN,
        status: 422,
        message: 'channel-webchat: attachment_ids may only name uploads of this visitor (POST /v1/uploads), each once',
        details: body.attachment_ids.map((id, index) => ({ id, index })).filter(({ id }) => !known.has(id)).map(({ index }) => ({ path: `attachment_ids.${index}`, message: 'not an upload of this visitor' })),
      });
    }
    const result = await recordVisitorMessage(runtime, visitor, widget, { echoId: body.echo_id, text: body.text, attachments, postback: body.postback });
    const wire = await toWireMessage(result.message, runtime.attachments, result.visitor.agentReadSeq);
    // Other tabs of the same visitor show it too.
    if (!result.duplicate) fanOut(runtime.bus, visitor.id, { event: 'message', id: wire.seq, data: wire });
    logger.info({ visitorId: visitor.id, messageId: wire.id, conversationId: wire.conversation_id, duplicate: result.duplicate }, result.duplicate ? 'visitor message was a retry' : 'visitor message recorded');
    return c.json({ echo_id: body.echo_id, duplicate: result.duplicate, message: wire }, result.duplicate ? 200 : 201);
  });

  routes.post(
    '/v1/uploads',
    authed,
    async (c, next) => {
      const widget = c.get('widget');
      enforceLimit(limiter, `messages:${c.get('visitor').id}`, widget.rateLimits.messagesPerVisitor, widget.rateLimits.windowSeconds, 'messages from this visitor');
      if (!widget.attachments.enabled) throw typeRefused(`widget ${widget.id} does not take attachments (attachments.enabled is false)`);
      return bodyLimit({ maxSize: widget.attachments.maxBytes + MULTIPART_OVERHEAD, onError: () => { throw tooLarge(widget.attachments.maxBytes, null); } })(c, next);
    },
    async (c) => {
      const widget = c.get('widget');
      const visitor = c.get('visitor');
      if (!/^multipart\/form-data/i.test(c.req.header('Content-Type') ?? '')) {
        throw new WebchatError({ code: WebchatErrorCodes.INVALID_BODY, status: 422, message: 'channel-webchat: send the file as multipart/form-data with a part named "file"', details: [{ path: 'file', message: 'missing' }] });
      }
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File)) {
        throw new WebchatError({ code: WebchatErrorCodes.INVALID_BODY, status: 422, message: 'channel-webchat: the upload needs one part named "file" holding the file', details: [{ path: 'file', message: 'missing' }] });
      }
      if (file.size > widget.attachments.maxBytes) throw tooLarge(widget.attachments.maxBytes, file.size);
      const data = new Uint8Array(await file.arrayBuffer());
      const sniffed = (await fileTypeFromBuffer(data))?.mime ?? null;
      const allowed: readonly string[] = widget.attachments.types;
      if (sniffed === null || !allowed.includes(sniffed)) {
        throw typeRefused(`"${file.name}" is ${sniffed ?? 'of an unknown type'} judging by its content; widget ${widget.id} takes ${allowed.join(', ')}`);
      }
      const ref = await runtime.attachments.put({ data, filename: file.name || 'upload', declaredType: sniffed });
      await messages.addUpload(visitor.id, ref, new Date(runtime.now()).toISOString());
      const url = await runtime.attachments.signedUrl(ref.id, 3600);
      return c.json({ attachment: { id: ref.id, name: ref.name, content_type: ref.contentType, size: ref.size, url } }, 201);
    },
  );

  routes.post('/v1/typing', authed, async (c) => {
    const { typing } = await parseJson(c, TypingSchema);
    const visitor = c.get('visitor');
    // Before the first message there is no conversation for agents to see it in.
    if (visitor.conversationId && visitor.contactId) runtime.channel.publishTyping({ conversationId: visitor.conversationId, contactId: visitor.contactId, name: visitor.name, typing });
    return c.body(null, 204);
  });

  routes.post('/v1/seen', authed, async (c) => {
    const { up_to_seq } = await parseJson(c, SeenSchema);
    const visitor = c.get('visitor');
    const upTo = Math.min(up_to_seq, await messages.lastSeq(visitor.id));
    await visitors.raiseReadSeq(visitor.id, upTo);
    for (const message of await messages.unreadUpTo(visitor.id, upTo, MAX_READ_PER_CALL)) {
      await runtime.channel.updateDelivery({ messageId: message.id, state: 'read' }).catch((err: unknown) => {
        // A message the core no longer knows (deleted, or never its own) stays read here.
        if (!isSwitchboardError(err) || err.status !== 404) throw err;
      });
      await messages.markRead(message.seq);
    }
    return c.json({ read_up_to_seq: Math.max(visitor.readSeq, upTo) });
  });

  routes.post('/v1/csat', authed, async (c) => {
    const body = await parseJson(c, CsatSchema);
    const submitted = await submitCsat(runtime, c.get('visitor'), c.get('widget'), body);
    return c.json({ csat: { conversation_id: submitted.conversationId, rating: submitted.rating, comment: submitted.comment, submitted_at: submitted.submittedAt } }, 201);
  });

  return routes;
}

/**
 * Marks agents' messages the visitor has now received as delivered, once across processes (the
 * first process to flip the row tells the core). Best effort: the read watermark follows anyway.
 *
 * @example
 * await markDelivered(runtime, page.messages);
 */
export async function markDelivered(runtime: Pick<WebchatRuntime, 'messages' | 'channel' | 'logger'>, list: ReadonlyArray<Pick<StoredMessage, 'seq' | 'id' | 'author' | 'delivered'>>): Promise<void> {
  for (const message of list) {
    if (message.author === 'visitor' || message.delivered) continue;
    if (!(await runtime.messages.markDelivered(message.seq))) continue;
    await runtime.channel.updateDelivery({ messageId: message.id, state: 'delivered' }).catch((err: unknown) => runtime.logger.warn({ err, messageId: message.id }, 'could not report a web chat message as delivered'));
  }
}

function typeRefused(detail: string): WebchatError {
  return new WebchatError({ code: WebchatErrorCodes.ATTACHMENT_TYPE, status: 415, message: `channel-webchat: ${detail}` });
}

function tooLarge(maxBytes: number, size: number | null): WebchatError {
  return new WebchatError({
    code: WebchatErrorCodes.ATTACHMENT_TOO_LARGE,
    status: 413,
    message: `channel-webchat: the upload is ${size === null ? 'larger than' : `${size} bytes, over`} the limit of ${maxBytes} bytes (attachments.maxBytes)`,
  });
}
