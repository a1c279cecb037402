import type { Database } from '../db/open-database';
import type { WriteQueue } from '../db/write-queue';
import type { ChannelCatalog } from '../host/channel-catalog';
import { assignConversation, changeStatus } from '../store/conversation-actions';
import { listConversations } from '../store/conversation-list';
import { getConversation, listConversationEvents, listMessages } from '../store/queries';
import { addNote, sendMessage } from '../store/send-message';
import type { createApiRouter } from './api-route';
import { actorOf, eventContextOf } from './request-actor';
import {
  AssignBodySchema,
  ChangeResponseSchema,
  ConversationListQuerySchema,
  ConversationPageSchema,
  EventsQuerySchema,
  IdParamSchema,
  MessagePageSchema,
  MessagesQuerySchema,
  NoteBodySchema,
  SendMessageBodySchema,
  SendMessageResponseSchema,
  StatusBodySchema,
} from './api-schemas';

/**
 * Conversations: list, read, timeline, events since a sequence number, reply, note, assign, status.
 *
 * @example
 * registerConversationRoutes(api, { db, queue, catalog });
 */
export function registerConversationRoutes(
  api: ReturnType<typeof createApiRouter>,
  deps: { db: Database; queue: WriteQueue; catalog: ChannelCatalog },
): void {
  const { db, queue } = deps;
  const tags = ['conversations'];
  const ctx = eventContextOf;

  api.route(
    {
      method: 'get',
      path: '/conversations',
      summary: 'List conversations (latest activity first, or longest waiting first with sort=waiting); filter by status, assignee, team, label, priority, channel; search with q',
      tags,
      auth: 'any',
      query: ConversationListQuerySchema,
      responses: { 200: { description: 'a page; pass nextCursor as cursor (with the same sort) for the next', schema: ConversationPageSchema } },
    },
    async (c, { query, principal }) => {
      const { assignee, ...filter } = query;
      const assigneeId = assignee === 'me' ? principal.id : assignee === 'unassigned' ? null : assignee;
      return c.json(await listConversations(db, { ...filter, assigneeId }, { agentId: principal.kind === 'agent' ? principal.id : null }));
    },
  );
  api.route(
    {
      method: 'get',
      path: '/conversations/:id',
      summary: "A conversation with its legs (each with replyWindowClosesAt: until when its channel account lets an agent reply freely, null without a window) and contact",
      tags,
      auth: 'any',
      params: IdParamSchema,
      responses: { 200: { description: 'the conversation' } },
    },
    async (c, { params }) => c.json(await getConversation(db, params.id, deps.catalog.replyWindowHours)),
  );
  api.route(
    { method: 'get', path: '/conversations/:id/messages', summary: 'Messages and notes of a conversation, oldest first', tags, auth: 'any', params: IdParamSchema, query: MessagesQuerySchema, responses: { 200: { description: 'a page', schema: MessagePageSchema } } },
    async (c, { params, query }) => c.json(await listMessages(db, params.id, { limit: query.limit, after: query.after })),
  );
  api.route(
    { method: 'get', path: '/conversations/:id/events', summary: 'Events of a conversation after a sequence number (what a client missed)', tags, auth: 'any', params: IdParamSchema, query: EventsQuerySchema, responses: { 200: { description: 'CloudEvents in sequence order' } } },
    async (c, { params, query }) => c.json(await listConversationEvents(db, params.id, query.afterSeq)),
  );
  api.route(
    {
      method: 'post',
      path: '/conversations/:id/messages',
      summary: 'Reply to the customer (text, attachments, content.quickReplies offered as buttons, a location or contacts); idempotent on clientMessageId',
      tags,
      auth: 'any',
      params: IdParamSchema,
      body: SendMessageBodySchema,
      responses: { 201: { description: 'queued for delivery', schema: SendMessageResponseSchema }, 200: { description: 'the same clientMessageId was sent before; nothing sent again', schema: SendMessageResponseSchema } },
    },
    async (c, { params, body, principal }) => {
      const sender = principal.kind === 'agent' ? { kind: 'agent' as const, id: principal.id, name: principal.name } : { kind: 'bot' as const, id: principal.id, name: principal.name };
      const result = await queue.write((tx) =>
        sendMessage(tx, { conversationId: params.id, clientMessageId: body.clientMessageId, text: body.text, attachmentIds: body.attachmentIds, legId: body.legId ?? null, sender, ...(body.content ? { content: body.content } : {}) }, ctx(c)),
      );
      return c.json(result, result.duplicate ? 200 : 201);
    },
  );
  api.route(
    { method: 'post', path: '/conversations/:id/notes', summary: 'Add a private note, never sent to the customer', tags, auth: 'any', params: IdParamSchema, body: NoteBodySchema, responses: { 201: { description: 'the note' } } },
    async (c, { params, body, principal }) => {
      const author = { kind: principal.kind === 'agent' ? ('agent' as const) : ('bot' as const), id: principal.id, name: principal.name };
      const result = await queue.write((tx) => addNote(tx, { conversationId: params.id, text: body.text, author, ...(body.clientMessageId ? { clientMessageId: body.clientMessageId } : {}) }, ctx(c)));
      return c.json(result, result.duplicate ? 200 : 201);
    },
  );
  api.route(
    { method: 'post', path: '/conversations/:id/assign', summary: 'Assign to an agent, or unassign with agentId null', tags, auth: 'any', params: IdParamSchema, body: AssignBodySchema, responses: { 200: { description: 'done', schema: ChangeResponseSchema } } },
    async (c, { params, body, principal }) =>
      c.json(await queue.write((tx) => assignConversation(tx, { conversationId: params.id, agentId: body.agentId, actor: actorOf(principal) }, ctx(c)))),
  );
  api.route(
    { method: 'post', path: '/conversations/:id/status', summary: 'Open, set pending, snooze until a time, or resolve', tags, auth: 'any', params: IdParamSchema, body: StatusBodySchema, responses: { 200: { description: 'done', schema: ChangeResponseSchema } } },
    async (c, { params, body, principal }) =>
      c.json(
        await queue.write((tx) =>
          changeStatus(tx, { conversationId: params.id, status: body.status, snoozedUntil: body.snoozedUntil ?? null, actor: actorOf(principal) }, ctx(c)),
        ),
      ),
  );
}
