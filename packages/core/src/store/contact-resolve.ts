import type { Identity } from '@switchboard/events';
import { newId } from '@switchboard/events';
import { eq } from 'drizzle-orm';
import { contactIdentities, contacts } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { appendEvent, type EventContext } from './event-journal';
import { contactByIdentity } from './record-inbound-statements';

/**
 * Finds the contact an identity belongs to, or creates one. A channel's own identity (the phone a
 * carrier delivered from, the chat id Telegram signed) is verified evidence; merged contacts are
 * followed to the survivor.
 *
 * @example
 * const { contactId, created } = await resolveContact(tx, { type: 'phone', value: '+15550100' }, 'Ada', 'channel-twilio', now, ctx);
 */
export async function resolveContact(
  tx: Tx,
  identity: Identity,
  name: string | null,
  evidence: string,
  now: string,
  context: EventContext,
): Promise<{ contactId: string; created: boolean }> {
  const owner = await contactOfIdentity(tx, identity);
  if (owner) return { contactId: owner, created: false };
  const contactId = newId();
  await tx.insert(contacts).values({ id: contactId, name, createdAt: now, updatedAt: now });
  await tx.insert(contactIdentities).values({ type: identity.type, value: identity.value, contactId, evidence, createdAt: now });
  await appendEvent(tx, 'core.contact.created.v1', { contactId, name, identities: [identity] }, { ...context, subject: contactId });
  return { contactId, created: true };
}

/**
 * The contact an identity belongs to now (following merges to the survivor), or null.
 *
 * @example
 * const owner = await contactOfIdentity(tx, { type: 'phone', value: '+15550100' });
 */
export async function contactOfIdentity(tx: Tx, identity: Identity): Promise<string | null> {
  // The identity and its contact's merge pointer in one round trip: most contacts were never merged.
  const [found] = await contactByIdentity.all(tx, { type: identity.type, value: identity.value });
  if (!found) return null;
  let contactId = found.contactId;
  let mergedInto = found.mergedInto;
  // Follow merges: an identity keeps pointing at the contact it was first linked to.
  for (let hops = 0; hops < 16 && mergedInto; hops++) {
    contactId = mergedInto;
    const [row] = await tx.select({ mergedInto: contacts.mergedInto }).from(contacts).where(eq(contacts.id, contactId));
    mergedInto = row?.mergedInto ?? null;
  }
  return contactId;
}
