import type { CoreCommandOutput, MergeContactsInputSchema } from '@switchboard/events';
import { eq, sql } from 'drizzle-orm';
import type * as v from 'valibot';
import { contactIdentities, contacts, conversations } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';
import { moveContactDetails } from './contact-details';
import { moveSuggestionDismissals } from './contact-suggestions';
import { appendEvent, type EventContext } from './event-journal';

type MergeInput = v.InferOutput<typeof MergeContactsInputSchema>;

/**
 * Merges two contacts that are the same person: the merged contact's identities, unverified
 * details and conversations move to the survivor, which keeps its name and attributes and takes the
 * merged one's where it has none; the merged contact keeps only a pointer to it
 * (`merged_into`), so anything still naming it can be followed. One `core.contact.merged.v1`
 * records it — never silently. The conversations keep their sequence numbers: their contact moved,
 * their timeline did not change. Merging a contact into itself is a 422, an already merged one a 409.
 *
 * @example
 * const { movedConversationIds } = await queue.write((tx) => mergeContacts(tx, { survivorId, mergedId, actor }, ctx));
 */
export async function mergeContacts(tx: Tx, input: MergeInput, context: EventContext): Promise<CoreCommandOutput<'core.contact.merge.v1'>> {
  if (input.survivorId === input.mergedId) {
    throw new CoreError({ code: CoreErrorCodes.VALIDATION, message: `contact ${input.survivorId} cannot be merged into itself; name another contact`, status: 422 });
  }
  const survivor = await requireContact(tx, input.survivorId);
  const merged = await requireContact(tx, input.mergedId);
  for (const contact of [survivor, merged]) {
    if (contact.mergedInto) {
      throw new CoreError({
        code: CoreErrorCodes.CONFLICT,
        message: `contact ${contact.id} was already merged into ${contact.mergedInto}; merge with that contact instead`,
        status: 409,
      });
    }
  }
  const now = new Date().toISOString();
  await tx.update(contactIdentities).set({ contactId: survivor.id }).where(eq(contactIdentities.contactId, merged.id));
  const moved = await tx
    .update(conversations)
    .set({ contactId: survivor.id, updatedAt: now })
    .where(eq(conversations.contactId, merged.id))
    .returning({ id: conversations.id });
  await moveContactDetails(tx, merged.id, survivor.id);
  await moveSuggestionDismissals(tx, merged.id, survivor.id);
  await tx.update(contacts).set({ mergedInto: survivor.id, updatedAt: now }).where(eq(contacts.id, merged.id));
  await tx
    .update(contacts)
    .set({ name: survivor.name ?? merged.name, attributes: sql`json_patch(${merged.attributes}, ${contacts.attributes})`, updatedAt: now })
    .where(eq(contacts.id, survivor.id));
  const movedConversationIds = moved.map((c) => c.id).sort();
  await appendEvent(
    tx,
    'core.contact.merged.v1',
    { survivorId: survivor.id, mergedId: merged.id, movedConversationIds, actor: input.actor },
    { ...context, subject: survivor.id },
  );
  return { survivorId: survivor.id, mergedId: merged.id, movedConversationIds };
}

async function requireContact(tx: Tx, id: string) {
  const [row] = await tx.select().from(contacts).where(eq(contacts.id, id));
  if (!row) throw new CoreError({ code: CoreErrorCodes.CONTACT_NOT_FOUND, message: `contact ${id} does not exist`, status: 404 });
  return row;
}
