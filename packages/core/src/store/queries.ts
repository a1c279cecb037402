import { and, asc, desc, eq, gt, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { contactDetails, contactIdentities, contacts, conversations, events, legs, messages } from '../db/schema';
import { CoreError, CoreErrorCodes } from '../errors';
import { lastInboundByThread, replyWindowClosesAt, threadKey } from './conversation-legs';
import { toConversationView } from './conversation-view';
import { identitySearchTerms } from './contact-identity-normalise';
import { containsPattern } from './search-query';
import { toLeg, toMessage } from './row-mappers';

/**
 * One conversation with its legs and contact. Each leg says until when the agent may reply on it
 * freely (`replyWindowClosesAt`): the reply window of the leg's channel account, counted from the
 * customer's last message on its thread (see listReplyOptions).
 *
 * @example
 * const conv = await getConversation(db, id, catalog.replyWindowHours);
 */
export async function getConversation(
  db: Database,
  id: string,
  replyWindowHours: (channel: string, account: string) => Promise<number | undefined> = async () => undefined,
) {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
  if (!row) throw new CoreError({ code: CoreErrorCodes.CONVERSATION_NOT_FOUND, message: `conversation ${id} does not exist`, status: 404 });
  const legRows = await db.select().from(legs).where(eq(legs.conversationId, id)).orderBy(asc(legs.createdAt));
  const contact = await getContact(db, row.contactId);
  const inbound = await lastInboundByThread(db, legRows);
  const withWindow = await Promise.all(
    legRows.map(async (leg) => ({
      ...toLeg(leg),
      lastInboundAt: leg.lastInboundAt,
      replyWindowClosesAt: replyWindowClosesAt(inbound.get(threadKey(leg)) ?? null, leg.createdAt, await replyWindowHours(leg.channel, leg.account)),
    })),
  );
  return { ...toConversationView(row), legs: withWindow, contact };
}

/**
 * Messages (and notes) of a conversation in order; `after` a message id for the next page.
 *
 * @example
 * const { items } = await listMessages(db, conversationId, { limit: 100 });
 */
export async function listMessages(db: Database, conversationId: string, options: { limit: number; after?: string | undefined }) {
  await requireConversationRow(db, conversationId);
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
  await requireConversationRow(db, conversationId);
  const rows = await db
    .select({ envelope: events.envelope })
    .from(events)
    .where(and(eq(events.conversationId, conversationId), gt(events.seq, afterSeq)))
    .orderBy(asc(events.seq))
    .limit(limit);
  return { items: rows.map((r) => JSON.parse(r.envelope) as unknown) };
}

/**
 * A contact with its identities (verified: each with the evidence that linked it), its unverified
 * details (hints channels reported, with the channel as `source`) and its conversations on every
 * channel.
 *
 * @example
 * const contact = await getContact(db, contactId);
 */
export async function getContact(db: Database, id: string) {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, id));
  if (!row) throw new CoreError({ code: CoreErrorCodes.CONTACT_NOT_FOUND, message: `contact ${id} does not exist`, status: 404 });
  const identities = await db
    .select({ type: contactIdentities.type, value: contactIdentities.value, evidence: contactIdentities.evidence, createdAt: contactIdentities.createdAt })
    .from(contactIdentities)
    .where(eq(contactIdentities.contactId, id))
    .orderBy(asc(contactIdentities.createdAt), asc(contactIdentities.type));
  const details = await db
    .select({ type: contactDetails.type, value: contactDetails.value, source: contactDetails.source, createdAt: contactDetails.createdAt })
    .from(contactDetails)
    .where(eq(contactDetails.contactId, id))
    .orderBy(asc(contactDetails.createdAt), asc(contactDetails.type));
  const convs = await db
    .select({ id: conversations.id, status: conversations.status, lastActivityAt: conversations.lastActivityAt, lastMessageText: conversations.lastMessageText })
    .from(conversations)
    .where(eq(conversations.contactId, id))
    .orderBy(desc(conversations.lastActivityAt));
  return { id: row.id, name: row.name, mergedInto: row.mergedInto, attributes: JSON.parse(row.attributes) as Record<string, unknown>, identities, details, conversations: convs, createdAt: row.createdAt };
}

/**
 * Finds contacts by part of the name or of an identity value; a phone number matches however it
 * is typed (`+1 (555) 010-0199` finds `+15550100199`), an email in any case.
 *
 * @example
 * const found = await searchContacts(db, '+1555', 20);
 */
export async function searchContacts(db: Database, q: string, limit: number) {
  const like = containsPattern(q);
  const byIdentity = identitySearchTerms(q).map((term) => sql`${contactIdentities.value} LIKE ${containsPattern(term)} ESCAPE '\\'`);
  const rows = await db
    .selectDistinct({ id: contacts.id, name: contacts.name, createdAt: contacts.createdAt })
    .from(contacts)
    .leftJoin(contactIdentities, eq(contactIdentities.contactId, contacts.id))
    .where(and(isNull(contacts.mergedInto), or(sql`${contacts.name} LIKE ${like} ESCAPE '\\'`, ...byIdentity)))
    .limit(limit);
  return { items: rows };
}

/**
 * Checks that a conversation exists (404 otherwise), without loading it.
 *
 * @example
 * await requireConversationRow(db, id);
 */
export async function requireConversationRow(db: Database, id: string) {
  const [row] = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, id));
  if (!row) throw new CoreError({ code: CoreErrorCodes.CONVERSATION_NOT_FOUND, message: `conversation ${id} does not exist`, status: 404 });
  return row;
}
