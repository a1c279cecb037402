import { TYPING_SUBJECT, type TypingSignal } from '@switchboard/events';
import type { Database } from '../db/open-database';
import type { WriteQueue } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';
import { markConversationRead } from '../store/conversation-reads';
import { setConversationLabels, setConversationPriority, setConversationTeam } from '../store/conversation-triage';
import { requireConversationRow } from '../store/queries';
import { retryDelivery } from '../store/retry-delivery';
import {
  EmptyBodySchema,
  LabelsBodySchema,
  MessageParamsSchema,
  PriorityBodySchema,
  ReadResponseSchema,
  RetryResponseSchema,
  TeamBodySchema,
  TypingBodySchema,
} from './api-inbox-schemas';
import type { createApiRouter } from './api-route';
import { ChangeResponseSchema, IdParamSchema } from './api-schemas';
import { actorOf, eventContextOf } from './request-actor';

/** What the triage routes need: the store, and a way to send an ephemeral signal on NATS. */
export type TriageRouteDeps = { db: Database; queue: WriteQueue; signal: (subject: string, data: unknown) => void };

/**
 * What an agent does to a conversation besides replying: team, priority, labels, read marks,
 * typing, and retrying a failed message.
 *
 * @example
 * registerTriageRoutes(api, { db, queue, signal: (subject, data) => nc.publish(subject, JSON.stringify(data)) });
 */
export function registerTriageRoutes(api: ReturnType<typeof createApiRouter>, deps: TriageRouteDeps): void {
  const { db, queue } = deps;
  const tags = ['conversations'];
  const changed = { 200: { description: 'done; changed is false (and nothing recorded) when it was so already', schema: ChangeResponseSchema } };

  api.route(
    { method: 'post', path: '/conversations/:id/team', summary: 'Hand the conversation to a team, or to none with teamId null', tags, auth: 'any', params: IdParamSchema, body: TeamBodySchema, responses: changed },
    async (c, { params, body, principal }) =>
      c.json(await queue.write((tx) => setConversationTeam(tx, { conversationId: params.id, teamId: body.teamId, actor: actorOf(principal) }, eventContextOf(c)))),
  );
  api.route(
    { method: 'post', path: '/conversations/:id/priority', summary: 'Set the priority (urgent, high, medium, low) or clear it with null', tags, auth: 'any', params: IdParamSchema, body: PriorityBodySchema, responses: changed },
    async (c, { params, body, principal }) =>
      c.json(await queue.write((tx) => setConversationPriority(tx, { conversationId: params.id, priority: body.priority, actor: actorOf(principal) }, eventContextOf(c)))),
  );
  api.route(
    {
      method: 'post',
      path: '/conversations/:id/labels',
      summary: 'Replace the labels with this set (each trimmed and lower-cased, 1–50 characters of a-z 0-9 space _ -, at most 20)',
      tags,
      auth: 'any',
      params: IdParamSchema,
      body: LabelsBodySchema,
      responses: changed,
    },
    async (c, { params, body, principal }) =>
      c.json(await queue.write((tx) => setConversationLabels(tx, { conversationId: params.id, labels: body.labels, actor: actorOf(principal) }, eventContextOf(c)))),
  );
  api.route(
    { method: 'post', path: '/conversations/:id/read', summary:
        "Mark the conversation read for the signed-in agent (its unread count drops to 0); agents only. When the mark reaches a newer message than the agent's last one, core.conversation.read.v1 {conversationId, agentId, lastReadMessageId, at} goes out (no seq), so channels can show the customer \"Seen\"", tags, auth: 'any', params: IdParamSchema, body: EmptyBodySchema, responses: { 200: { description: 'read', schema: ReadResponseSchema } } },
    async (c, { params, principal }) => {
      if (principal.kind !== 'agent') {
        throw new CoreError({ code: CoreErrorCodes.FORBIDDEN, message: 'read marks belong to agents; an API token has none', status: 403 });
      }
      return c.json(await queue.write((tx) => markConversationRead(tx, principal.id, params.id, eventContextOf(c))));
    },
  );
  api.route(
    {
      method: 'post',
      path: '/conversations/:id/typing',
      summary: 'Tell the other agents you are typing (or stopped): an ephemeral realtime frame {"type":"typing",…}, never stored',
      tags,
      auth: 'any',
      params: IdParamSchema,
      body: TypingBodySchema,
      responses: { 204: { description: 'signalled' } },
    },
    async (c, { params, body, principal }) => {
      await requireConversationRow(db, params.id);
      const signal: TypingSignal = { conversationId: params.id, actor: { ...actorOf(principal), name: principal.name }, typing: body.typing };
      deps.signal(TYPING_SUBJECT, signal);
      return c.body(null, 204);
    },
  );
  api.route(
    {
      method: 'post',
      path: '/conversations/:id/messages/:messageId/retry',
      summary: 'Send a failed message again: it goes back to queued and is delivered anew; 409 unless it failed',
      tags,
      auth: 'any',
      params: MessageParamsSchema,
      responses: { 200: { description: 'queued again', schema: RetryResponseSchema } },
    },
    async (c, { params }) => c.json(await queue.write((tx) => retryDelivery(tx, { conversationId: params.id, messageId: params.messageId }, eventContextOf(c)))),
  );
}
