import type { ConversationStatus } from '@switchboard/events';
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { contactIdentities, contacts, conversations, events, legs, messages } from '../db/schema';
import { CoreError, CoreErrorCodes } from '../errors';
import { toLeg, toMessage } from './row-mappers';

/** A conversation as lists and the API show it. */
export type ConversationView = ReturnType<typeof toConversationView>;

function toConversationView(row: typeof conversations.$inferSelect) {
  return {
    id: row.id,
    contactId: row.contactId,
    status: row.status,
    assigneeId: row.assigneeId,
    teamId: row.teamId,
    priority: row.priority,
    labels: JSON.parse(row.labels) as string[],
    snoozedUntil: row.snoozedUntil,
    seq: row.seq,
    lastMessageText: row.lastMessageText,
    lastActivityAt: row.lastActivityAt,
    lastInboundAt: row.lastInboundAt,
    waitingSince: row.waitingSince,
    createdAt: row.createdAt,
  };
}

/** Filters of {@link listConversations}. */
export type ConversationFilter = {
  status?: ConversationStatus | undefined;
  assigneeId?: string | null | undefined;
  contactId?: string | undefined;
  channel?: string | undefined;
  limit: number;
  /** Opaque cursor from the previous page. */
  cursor?: string | undefined;
};

/**
 * Lists conversations, most recent activity first, with keyset pagination.
 *
 * @example
 * const page = await listConversations(db, { status: 'open', limit: 50 });
 */
export async function listConversations(db: Database, filter: ConversationFilter) {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(conversations.status, filter.status));
  if (filter.assigneeId === null) where.push(isNull(conversations.assigneeId));
  else if (filter.assigneeId) where.push(eq(conversations.assigneeId, filter.assigneeId));
  if (filter.contactId) where.push(eq(conversations.contactId, filter.contactId));
  if (filter.channel) {
    where.push(inArray(conversations.id, db.select({ id: legs.conversationId }).from(legs).where(eq(legs.channel, filter.channel))));
  }
  if (filter.cursor) {
    const [at, id] = Buffer.from(filter.cursor, 'base64url').toString().split('|');
    if (at && id) where.push(or(lt(conversations.lastActivityAt, at), and(eq(conversations.lastActivityAt, at), lt(conversations.id, id)))!);
  }
  const rows = await db
    .select()
    .from(conversations)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > filter.limit && last ? Buffer.from(`${last.lastActivityAt}|${last.id}`).toString('base64url') : null;
  return { items: page.map(toConversationView), nextCursor };
}

/**
 * One conversation with its legs and contact.
 *
 * @example
 * const conv = await getConversation(db, id);
 */
export async function getConversation(db: Database, id: string) {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
  if (!row) throw new CoreError({ code: CoreErrorCodes.CONVERSATION_NOT_FOUND, message: `conversation ${id} does not exist`, status: 404 });
  const legRows = await db.select().from(legs).where(eq(legs.conversationId, id)).orderBy(asc(legs.createdAt));
  const contact = await getContact(db, row.contactId);
  return { ...toConversationView(row), legs: legRows.map(toLeg), contact };
}

/**
 * Messages (and notes) of a conversation in order; `after` a message id for the next page.
 *
 * @example
 * const { items } = await listMessages(db, conversationId, { limit: 100 });
 */
export async function listMessages(db: Database, conversationId: string, options: { limit: number; after?: string | undefined }) {
  await getConversationRow(db, conversationId);
  const where: SQL[] = [eq(messages.conversationId, conversationId)];
  if (options.after) where.push(gt(messages.id, options.after));
  const rows = await db.select().from(messages).where(and(...where)).orderBy(asc(messages.id)).limit(options.limit);
  return { items: rows.map(toMessage) };
}

/**
 * The events of a conversation after a sequence number: exactly what a client that saw `afterSeq`
 * has missed.
 *
 * @example
 * const missed = await listConversationEvents(db, id, 41);
 */
export async function listConversationEvents(db: Database, conversationId: string, afterSeq: number, limit = 500) {
  await getConversationRow(db, conversationId);
  const rows = await db
    .select({ envelope: events.envelope })
    .from(events)
    .where(and(eq(events.conversationId, conversationId), gt(events.seq, afterSeq)))
    .orderBy(asc(events.seq))
    .limit(limit);
  return { items: rows.map((r) => JSON.parse(r.envelope) as unknown) };
}

/**
 * A contact with its identities and conversations on every channel.
 *
 * @example
 * const contact = await getContact(db, contactId);
 */
export async function getContact(db: Database, id: string) {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, id));
  if (!row) throw new CoreError({ code: CoreErrorCodes.CONTACT_NOT_FOUND, message: `contact ${id} does not exist`, status: 404 });
  const identities = await db.select({ type: contactIdentities.type, value: contactIdentities.value, evidence: contactIdentities.evidence }).from(contactIdentities).where(eq(contactIdentities.contactId, id));
  const convs = await db
    .select({ id: conversations.id, status: conversations.status, lastActivityAt: conversations.lastActivityAt, lastMessageText: conversations.lastMessageText })
    .from(conversations)
    .where(eq(conversations.contactId, id))
    .orderBy(desc(conversations.lastActivityAt));
  return { id: row.id, name: row.name, mergedInto: row.mergedInto, attributes: JSON.parse(row.attributes) as Record<string, unknown>, identities, conversations: convs, createdAt: row.createdAt };
}

/**
 * Finds contacts by name or identity value (prefix match).
 *
 * @example
 * const found = await searchContacts(db, '+1555', 20);
 */
export async function searchContacts(db: Database, q: string, limit: number) {
  const like = `%${q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
  const rows = await db
    .selectDistinct({ id: contacts.id, name: contacts.name, createdAt: contacts.createdAt })
    .from(contacts)
    .leftJoin(contactIdentities, eq(contactIdentities.contactId, contacts.id))
    .where(and(isNull(contacts.mergedInto), or(sql`${contacts.name} LIKE ${like} ESCAPE '\\'`, sql`${contactIdentities.value} LIKE ${like} ESCAPE '\\'`)))
    .limit(limit);
  return { items: rows };
}

async function getConversationRow(db: Database, id: string) {
  const [row] = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, id));
  if (!row) throw new CoreError({ code: CoreErrorCodes.CONVERSATION_NOT_FOUND, message: `conversation ${id} does not exist`, status: 404 });
  return row;
}
