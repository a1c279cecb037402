import type { Actor } from '@switchboard/events';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/open-database';
import { contactIdentities, contacts, contactSuggestionDismissals } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';
import { PHONE_IDENTITY_TYPES } from './contact-identity-normalise';

/** Why two contacts may be one person: an unverified detail of one is an identity of the other. */
export type SuggestionReason = {
  type: string;
  value: string;
  /** The channel that reported the detail. */
  source: string;
  /** Whose unverified detail it is: this contact's, or the suggested contact's. */
  detailOf: 'this' | 'other';
};

/** A contact that may be the same person, with what points to it. */
export type MergeSuggestion = {
  contact: { id: string; name: string | null; identities: Array<{ type: string; value: string }>; createdAt: string };
  reasons: SuggestionReason[];
};

type Reader = Pick<Database, 'all' | 'select'> | Tx;

// Constants of ours, not input: safe to inline. A phone detail matches a WhatsApp identity of the
// same number, and the other way round.
const PHONE_TYPES = sql.raw(PHONE_IDENTITY_TYPES.map((t) => `'${t}'`).join(', '));
const SAME_KIND = sql`(i.type = d.type OR (i.type IN (${PHONE_TYPES}) AND d.type IN (${PHONE_TYPES})))`;

/**
 * Contacts that may be the same person as this one: those having as an identity what this
 * contact has as an unverified detail (a `from.hints` email, a phone typed into a form), and those
 * with an unverified detail that is this contact's identity. Merged contacts and dismissed pairs
 * are left out. Accepting one is a merge (`POST /contacts/:id/merge`).
 *
 * @example
 * const { items } = await listMergeSuggestions(db, contactId);
 */
export async function listMergeSuggestions(db: Reader, contactId: string): Promise<{ items: MergeSuggestion[] }> {
  await requireContact(db, contactId);
  const rows = await db.all<{ other: string; type: string; value: string; source: string; detail_of: 'this' | 'other' }>(sql`
    SELECT i.contact_id AS other, d.type AS type, d.value AS value, d.source AS source, 'this' AS detail_of
      FROM contact_details d JOIN contact_identities i ON i.value = d.value AND ${SAME_KIND}
      WHERE d.contact_id = ${contactId} AND i.contact_id != ${contactId}
    UNION
    SELECT d.contact_id AS other, d.type AS type, d.value AS value, d.source AS source, 'other' AS detail_of
      FROM contact_identities i JOIN contact_details d ON d.value = i.value AND ${SAME_KIND}
      WHERE i.contact_id = ${contactId} AND d.contact_id != ${contactId}`);
  const dismissed = new Set(
    (
      await db
        .select()
        .from(contactSuggestionDismissals)
        .where(sql`${contactSuggestionDismissals.contactId} = ${contactId} OR ${contactSuggestionDismissals.otherContactId} = ${contactId}`)
    ).map((d) => (d.contactId === contactId ? d.otherContactId : d.contactId)),
  );
  const reasons = new Map<string, SuggestionReason[]>();
  for (const row of rows) {
    if (dismissed.has(row.other)) continue;
    reasons.set(row.other, [...(reasons.get(row.other) ?? []), { type: row.type, value: row.value, source: row.source, detailOf: row.detail_of }]);
  }
  if (reasons.size === 0) return { items: [] };
  const others = await db.select().from(contacts).where(inArray(contacts.id, [...reasons.keys()]));
  const identities = await db
    .select({ contactId: contactIdentities.contactId, type: contactIdentities.type, value: contactIdentities.value })
    .from(contactIdentities)
    .where(inArray(contactIdentities.contactId, [...reasons.keys()]));
  const items = others
    .filter((c) => c.mergedInto === null)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
    .map((c) => ({
      contact: { id: c.id, name: c.name, identities: identities.filter((i) => i.contactId === c.id).map(({ type, value }) => ({ type, value })), createdAt: c.createdAt },
      reasons: reasons.get(c.id) ?? [],
    }));
  return { items };
}

/**
 * Dismisses the suggestion that two contacts are one person: it is not suggested again, whatever
 * details come later. Dismissing one already dismissed changes nothing; a pair never suggested is
 * a 404 (`SWB_ERR_SUGGESTION_NOT_FOUND`).
 *
 * @example
 * await queue.write((tx) => dismissMergeSuggestion(tx, contactId, otherId, { kind: 'agent', id: agentId }));
 */
export async function dismissMergeSuggestion(tx: Tx, contactId: string, otherId: string, actor: Actor): Promise<{ contactId: string; otherContactId: string; dismissed: true }> {
  const [a, b] = contactId < otherId ? [contactId, otherId] : [otherId, contactId];
  await requireContact(tx, otherId);
  const [already] = await tx
    .select()
    .from(contactSuggestionDismissals)
    .where(and(eq(contactSuggestionDismissals.contactId, a), eq(contactSuggestionDismissals.otherContactId, b)));
  if (!already) {
    const { items } = await listMergeSuggestions(tx, contactId);
    if (!items.some((s) => s.contact.id === otherId)) {
      throw new CoreError({ code: CoreErrorCodes.SUGGESTION_NOT_FOUND, message: `nothing suggests that contacts ${contactId} and ${otherId} are one person`, status: 404 });
    }
    await tx.insert(contactSuggestionDismissals).values({ contactId: a, otherContactId: b, actor: `${actor.kind}:${actor.id}`, createdAt: new Date().toISOString() });
  }
  return { contactId, otherContactId: otherId, dismissed: true };
}

/**
 * Carries a merged contact's dismissals over to the survivor, so a pair dismissed before the merge
 * stays dismissed after it.
 *
 * @example
 * await moveSuggestionDismissals(tx, mergedId, survivorId);
 */
export async function moveSuggestionDismissals(tx: Tx, fromId: string, toId: string): Promise<void> {
  await tx.run(sql`INSERT OR IGNORE INTO contact_suggestion_dismissals (contact_id, other_contact_id, actor, created_at)
    SELECT min(${toId}, other), max(${toId}, other), actor, created_at FROM (
      SELECT CASE WHEN contact_id = ${fromId} THEN other_contact_id ELSE contact_id END AS other, actor, created_at
      FROM contact_suggestion_dismissals WHERE contact_id = ${fromId} OR other_contact_id = ${fromId})
    WHERE other != ${toId}`);
  await tx.delete(contactSuggestionDismissals).where(sql`${contactSuggestionDismissals.contactId} = ${fromId} OR ${contactSuggestionDismissals.otherContactId} = ${fromId}`);
}

async function requireContact(db: Reader, id: string) {
  const [row] = await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, id));
  if (!row) throw new CoreError({ code: CoreErrorCodes.CONTACT_NOT_FOUND, message: `contact ${id} does not exist`, status: 404 });
}
