import type { Identity } from '@switchboard/events';
import { inArray } from 'drizzle-orm';
import { contactIdentities, contacts } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { mergeContacts } from './contact-merge';
import { contactOfIdentity } from './contact-resolve';
import { appendEvent, type EventContext } from './event-journal';

/**
 * Links identities a channel verified belong to a sender (the phone behind a WhatsApp number, a
 * site-signed user id) to the sender's contact, inside the caller's transaction. An identity no
 * one has yet is linked (`core.contact.identity_linked.v1`, evidence = the channel). One that
 * already belongs to another contact proves both are the same person: the two are merged, the
 * older contact surviving (`core.contact.merged.v1` by the channel). Returns the contact the
 * sender is now.
 *
 * @example
 * const contactId = await linkVerifiedIdentities(tx, senderId, [{ type: 'phone', value: '+15550100' }], 'channel-whatsapp-cloud', now, ctx);
 */
export async function linkVerifiedIdentities(
  tx: Tx,
  contactId: string,
  identities: readonly Identity[],
  channel: string,
  now: string,
  context: EventContext,
): Promise<string> {
  let current = contactId;
  for (const identity of identities) {
    const owner = await contactOfIdentity(tx, identity);
    if (owner === current) continue;
    if (owner === null) {
      await tx.insert(contactIdentities).values({ type: identity.type, value: identity.value, contactId: current, evidence: channel, createdAt: now });
      await appendEvent(tx, 'core.contact.identity_linked.v1', { contactId: current, identity, evidence: channel }, { ...context, subject: current });
      continue;
    }
    const [survivorId, mergedId] = await olderFirst(tx, owner, current);
    await mergeContacts(tx, { survivorId, mergedId, actor: { kind: 'plugin', id: channel } }, context);
    current = survivorId;
  }
  return current;
}

/** The two contacts, the one created first (then the smaller id: ULIDs sort by time) first. */
async function olderFirst(tx: Tx, a: string, b: string): Promise<[string, string]> {
  const rows = await tx.select({ id: contacts.id, createdAt: contacts.createdAt }).from(contacts).where(inArray(contacts.id, [a, b]));
  const sorted = rows.sort((x, y) => (x.createdAt === y.createdAt ? (x.id < y.id ? -1 : 1) : x.createdAt < y.createdAt ? -1 : 1));
  if (sorted.length !== 2) throw new Error(`contacts ${a} and ${b} must both exist to be merged`);
  return [sorted[0]!.id, sorted[1]!.id];
}
