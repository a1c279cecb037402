import type { Actor } from '@switchboard/events';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/open-database';
import type { WriteQueue } from '../db/write-queue';
import { assignConversation, changeStatus } from '../store/conversation-actions';
import { getConversation, listConversationEvents, listConversations, listMessages } from '../store/queries';
import { addNote, sendMessage } from '../store/send-message';
import type { createApiRouter } from './api-route';
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
 * The actor recorded in events for an API caller.
 *
 * @example
 * actorOf({ kind: 'agent', id: 'a1', ... }); // { kind: 'agent', id: 'a1' }
 */
export function actorOf(principal: Principal): Actor {
  return { kind: principal.kind === 'agent' ? 'agent' : 'token', id: principal.id };
}

/**
 * Conversations: list, read, timeline, events since a sequence number, reply, note, assign, status.
 *
 * @example
 * registerConversationRoutes(api, { db, queue });
 */
export function registerConversationRoutes(api: ReturnType<typeof createApiRouter>, deps: { db: Database; queue: WriteQueue }): void {
  const { db, queue } = deps;
  const tags = ['conversations'];
  const ctx = (c: { req: { header(name: string): string | undefined } }) => ({ correlationId: c.req.header('x-correlation-id') ?? undefined });

  api.route(
    { method: 'get', path: '/conversations', summary: 'List conversations, latest activity first', tags, auth: 'any', query: ConversationListQuerySchema, responses: { 200: { description: 'a page', schema: ConversationPageSchema } } },
    async (c, { query, principal }) => {
      const assigneeId = query.assignee === 'me' ? principal.id : query.assignee === 'unassigned' ? null : query.assignee;
      return c.json(await listConversations(db, { status: query.status, assigneeId, contactId: query.contactId, channel: query.channel, limit: query.limit, cursor: query.cursor }));
    },
  );
  api.route(
    { method: 'get', path: '/conversations/:id', summary: 'A conversation with its legs and contact', tags, auth: 'any', params: IdParamSchema, responses: { 200: { description: 'the conversation' } } },
    async (c, { params }) => c.json(await getConversation(db, params.id)),
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
      summary: 'Reply to the customer; idempotent on clientMessageId',
      tags,
      auth: 'any',
      params: IdParamSchema,
      body: SendMessageBodySchema,
      responses: { 201: { description: 'queued for delivery', schema: SendMessageResponseSchema }, 200: { description: 'the same clientMessageId was sent before; nothing sent again', schema: SendMessageResponseSchema } },
    },
    async (c, { params, body, principal }) => {
      const sender = principal.kind === 'agent' ? { kind: 'agent' as const, id: principal.id, name: principal.name } : { kind: 'bot' as const, id: principal.id, name: principal.name };
      const result = await queue.write((tx) =>
        sendMessage(tx, { conversationId: params.id, clientMessageId: body.clientMessageId, text: body.text, attachmentIds: body.attachmentIds, legId: body.legId ?? null, sender }, ctx(c)),
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
