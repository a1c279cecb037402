import type { ContactAttributes, CoreCommandInput, CoreCommandOutput } from '@switchboard/events';
import { eq } from 'drizzle-orm';
import { contacts } from '../db/schema';
import type { Tx } from '../db/write-queue';
import { CoreError, CoreErrorCodes } from '../errors';
import { patchContactAttributes } from './contact-details';
import { appendEvent, type EventContext } from './event-journal';

/** How many merge pointers are followed before giving up (a cycle would be a bug elsewhere). */
const MAX_MERGE_HOPS = 16;

/**
 * Sets attributes on a contact without a message (`core.contact.set_attributes.v1`): merged over
 * the ones it has, `null` removing one, on the survivor when the contact was merged. Only what
 * actually changes is written and recorded, as one `core.contact.updated.v1` with the changes, so
 * a client repeating the same attributes on every page load costs one read and no event.
 *
 * @example
 * const { attributes, changed } = await setContactAttributes(tx, { contactId, attributes: { plan: 'pro' }, actor }, ctx);
 */
export async function setContactAttributes(
  tx: Tx,
  input: CoreCommandInput<'core.contact.set_attributes.v1'>,
  context: EventContext,
): Promise<CoreCommandOutput<'core.contact.set_attributes.v1'>> {
  let [row] = await tx.select({ id: contacts.id, mergedInto: contacts.mergedInto, attributes: contacts.attributes }).from(contacts).where(eq(contacts.id, input.contactId));
  for (let hops = 0; row?.mergedInto && hops < MAX_MERGE_HOPS; hops++) {
    [row] = await tx.select({ id: contacts.id, mergedInto: contacts.mergedInto, attributes: contacts.attributes }).from(contacts).where(eq(contacts.id, row.mergedInto));
  }
  if (!row) throw new CoreError({ code: CoreErrorCodes.CONTACT_NOT_FOUND, message: `contact ${input.contactId} does not exist`, status: 404 });

  // Stored attributes never hold null: a merge patch removes those.
  const before = JSON.parse(row.attributes) as Record<string, string | number | boolean>;
  const after = { ...before };
  const changes: ContactAttributes = {};
  for (const [name, value] of Object.entries(input.attributes)) {
    if (value === null) {
      if (!Object.hasOwn(before, name)) continue;
      delete after[name];
    } else {
      if (before[name] === value) continue;
      after[name] = value;
    }
    changes[name] = value;
  }
  if (Object.keys(changes).length === 0) return { contactId: row.id, attributes: before, changed: false };

  await patchContactAttributes(tx, row.id, changes, new Date().toISOString());
  await appendEvent(tx, 'core.contact.updated.v1', { contactId: row.id, attributes: changes, actor: input.actor }, { ...context, subject: row.id });
  return { contactId: row.id, attributes: after, changed: true };
}
