import type { ConversationStatus } from '@switchboard/events';
import { and, asc, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { contacts, conversations } from '../db/schema';
import { decodeCursor, encodeCursor, type ConversationSort } from './conversation-cursor';
import { toConversationView } from './conversation-view';
import { identitySearchTerms } from './contact-identity-normalise';
import { containsPattern, toFtsQuery } from './search-query';

/** Filters and order of {@link listConversations}. */
export type ConversationFilter = {
  status?: ConversationStatus | undefined;
  assigneeId?: string | null | undefined;
  contactId?: string | undefined;
  channel?: string | undefined;
  teamId?: string | undefined;
  label?: string | undefined;
  priority?: string | undefined;
  /** Full text over messages, or part of the contact's name or of an identity (phone, email…). */
  q?: string | undefined;
  /** `activity`: latest activity first (default). `waiting`: longest-waiting customer first, not waiting last. */
  sort?: ConversationSort | undefined;
  limit: number;
  /** Opaque cursor from the previous page (of the same sort). */
  cursor?: string | undefined;
};

/** Who is looking: unread counts are per agent (an API token has none). */
export type ConversationViewer = { agentId: string | null };

/**
 * Lists conversations with keyset pagination, for the agent inbox: each item carries its contact,
 * the channels it runs over and how many customer messages the viewer has not read.
 *
 * @example
 * const page = await listConversations(db, { status: 'open', q: 'refund', sort: 'waiting', limit: 50 }, { agentId });
 */
export async function listConversations(db: Database, filter: ConversationFilter, viewer: ConversationViewer) {
  const sort = filter.sort ?? 'activity';
  const where = filterConditions(filter);
  if (filter.cursor) where.push(afterCursor(filter.cursor, sort));
  const order =
    sort === 'activity'
      ? [desc(conversations.lastActivityAt), desc(conversations.id)]
      : [sql`${conversations.waitingSince} IS NULL`, asc(conversations.waitingSince), asc(conversations.id)];
  const rows = await db
    .select({ conversation: conversations, contactName: contacts.name })
    .from(conversations)
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(...order)
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1]?.conversation;
  const nextCursor =
    rows.length > filter.limit && last
      ? encodeCursor({ sort, key: sort === 'activity' ? last.lastActivityAt : last.waitingSince, id: last.id })
      : null;
  const ids = page.map((r) => r.conversation.id);
  const [channels, unread] = await Promise.all([channelsOf(db, ids), unreadCounts(db, ids, viewer.agentId)]);
  return {
    items: page.map((r) => ({
      ...toConversationView(r.conversation),
      contact: { id: r.conversation.contactId, name: r.contactName ?? null },
      channels: channels.get(r.conversation.id) ?? [],
      unreadCount: unread.get(r.conversation.id) ?? 0,
    })),
    nextCursor,
  };
}

function filterConditions(filter: ConversationFilter): SQL[] {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(conversations.status, filter.status));
  if (filter.assigneeId === null) where.push(isNull(conversations.assigneeId));
  else if (filter.assigneeId) where.push(eq(conversations.assigneeId, filter.assigneeId));
  if (filter.contactId) where.push(eq(conversations.contactId, filter.contactId));
  if (filter.teamId) where.push(eq(conversations.teamId, filter.teamId));
  if (filter.priority) where.push(eq(conversations.priority, filter.priority));
  if (filter.channel) where.push(sql`EXISTS (SELECT 1 FROM legs WHERE legs.conversation_id = ${conversations.id} AND legs.channel = ${filter.channel})`);
  if (filter.label) where.push(sql`EXISTS (SELECT 1 FROM json_each(${conversations.labels}) WHERE json_each.value = ${filter.label})`);
  if (filter.q) where.push(searchCondition(filter.q));
  return where;
}

function searchCondition(q: string): SQL {
  const like = containsPattern(q.trim());
  // A phone number matches however it is typed: identities are stored in E.164.
  const byIdentity = sql.join(
    identitySearchTerms(q).map((term) => sql`value LIKE ${containsPattern(term)} ESCAPE '\\'`),
    sql` OR `,
  );
  const byContact = sql`${conversations.contactId} IN (
    SELECT id FROM contacts WHERE name LIKE ${like} ESCAPE '\\'
    UNION SELECT contact_id FROM contact_identities WHERE ${byIdentity})`;
  const fts = toFtsQuery(q);
  if (!fts) return byContact;
  const byText = sql`${conversations.id} IN (
    SELECT m.conversation_id FROM messages m WHERE m.rowid IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ${fts}))`;
  return sql`(${byText} OR ${byContact})`;
}

function afterCursor(raw: string, sort: ConversationSort): SQL {
  const cursor = decodeCursor(raw, sort);
  const { lastActivityAt: at, waitingSince: ws, id } = conversations;
  if (sort === 'activity') return sql`(${at} < ${cursor.key} OR (${at} = ${cursor.key} AND ${id} < ${cursor.id}))`;
  // Waiting order: oldest wait first, then the conversations nobody waits in (NULL), each by id.
  if (cursor.key === null) return sql`(${ws} IS NULL AND ${id} > ${cursor.id})`;
  return sql`(${ws} > ${cursor.key} OR (${ws} = ${cursor.key} AND ${id} > ${cursor.id}) OR ${ws} IS NULL)`;
}

/** Distinct channels of each conversation's legs, in the order the legs were opened. */
async function channelsOf(db: Database, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await db.all<{ conversation_id: string; channel: string }>(sql`
    SELECT conversation_id, channel FROM legs WHERE conversation_id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})
    GROUP BY conversation_id, channel ORDER BY min(created_at)`);
  for (const row of rows) out.set(row.conversation_id, [...(out.get(row.conversation_id) ?? []), row.channel]);
  return out;
}

/** Customer messages after the agent's read mark (all of them when never read), per conversation. */
async function unreadCounts(db: Database, ids: string[], agentId: string | null): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (ids.length === 0 || !agentId) return out;
  const rows = await db.all<{ id: string; n: number }>(sql`
    SELECT c.id AS id, (
      SELECT count(*) FROM messages m
      WHERE m.conversation_id = c.id AND m.direction = 'inbound'
        AND m.created_at > coalesce((SELECT last_read_at FROM conversation_reads r WHERE r.agent_id = ${agentId} AND r.conversation_id = c.id), '')
    ) AS n
    FROM conversations c WHERE c.id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
  for (const row of rows) out.set(row.id, Number(row.n));
  return out;
}
