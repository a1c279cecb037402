import type { ContactAttributes, Identity } from '@switchboard/events';
import { and, eq, sql } from 'drizzle-orm';
import { contactDetails, contactIdentities, contacts } from '../db/schema';
import type { Tx } from '../db/write-queue';

/**
 * Keeps unverified details a channel reported about a sender (`from.hints`: an email typed into a
 * form, a phone from a CRM) on the contact. They are never identities — nothing is linked or
 * merged on them — but agents see them, and a detail that is another contact's identity becomes a
 * merge suggestion (see listMergeSuggestions). A detail the contact already has as an identity is
 * not kept twice.
 *
 * @example
 * await recordContactDetails(tx, contactId, [{ type: 'email', value: 'kim@example.com' }], 'channel-api', now);
 */
export async function recordContactDetails(tx: Tx, contactId: string, details: readonly Identity[], source: string, now: string): Promise<void> {
  for (const detail of details) {
    const [own] = await tx
      .select({ contactId: contactIdentities.contactId })
      .from(contactIdentities)
      .where(and(eq(contactIdentities.type, detail.type), eq(contactIdentities.value, detail.value), eq(contactIdentities.contactId, contactId)));
    if (own) continue;
    await tx.insert(contactDetails).values({ contactId, type: detail.type, value: detail.value, source, createdAt: now }).onConflictDoNothing();
  }
}

/**
 * Sets attributes on a contact: merged over the ones it has, `null` removing one (JSON Merge
 * Patch, RFC 7396, which SQLite's `json_patch` implements).
 *
 * @example
 * await patchContactAttributes(tx, contactId, { plan: 'pro', trial: null }, now);
 */
export async function patchContactAttributes(tx: Tx, contactId: string, attributes: ContactAttributes, now: string): Promise<void> {
  await tx
    .update(contacts)
    .set({ attributes: sql`json_patch(${contacts.attributes}, ${JSON.stringify(attributes)})`, updatedAt: now })
    .where(eq(contacts.id, contactId));
}

/**
 * Moves a merged contact's details to the survivor (one copy each), dropping those the survivor
 * has as identities.
 *
 * @example
 * await moveContactDetails(tx, mergedId, survivorId);
 */
export async function moveContactDetails(tx: Tx, fromId: string, toId: string): Promise<void> {
  await tx.run(sql`INSERT OR IGNORE INTO contact_details (contact_id, type, value, source, created_at)
    SELECT ${toId}, type, value, source, created_at FROM contact_details WHERE contact_id = ${fromId}`);
  await tx.delete(contactDetails).where(eq(contactDetails.contactId, fromId));
  await tx.run(sql`DELETE FROM contact_details WHERE contact_id = ${toId}
    AND EXISTS (SELECT 1 FROM contact_identities i WHERE i.contact_id = ${toId} AND i.type = contact_details.type AND i.value = contact_details.value)`);
}
