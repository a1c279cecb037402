import * as v from 'valibot';
import { ContactAttributesSchema } from './message-content';
import { ActorSchema, IdSchema } from './model';

/**
 * Sets attributes on a contact without a message (a web chat page reporting the visitor's plan,
 * a CRM sync): merged over the ones the contact has, `null` removing one — the same rule as
 * `from.attributes` of `core.message.record_inbound.v1`. A merged contact's id reaches the
 * contact it became. At least one attribute.
 */
export const SetContactAttributesInputSchema = v.object({
  contactId: IdSchema,
  attributes: v.pipe(
    ContactAttributesSchema,
    v.check((record) => Object.keys(record).length > 0, 'name at least one attribute'),
  ),
  actor: ActorSchema,
});
/**
 * `contactId`: the contact that has them now (the survivor of a merge); `attributes`: all of its
 * attributes afterwards (messages may have brought more than one command may set); `changed`:
 * false when every value was already so (nothing recorded).
 */
export const SetContactAttributesOutputSchema = v.object({
  contactId: IdSchema,
  attributes: v.record(v.string(), v.union([v.string(), v.number(), v.boolean()])),
  changed: v.boolean(),
});

/**
 * A contact's details changed outside a message (`core.contact.updated.v1`, subject = contact
 * id). `attributes`: what changed — the new values, `null` for a removed one. Later details
 * (a name) join as new optional fields.
 */
export const ContactUpdatedSchema = v.object({
  contactId: IdSchema,
  attributes: ContactAttributesSchema,
  actor: ActorSchema,
});

/** The commands of this file, as entries of the core's command catalog. */
export const contactAttributeCommands = {
  'core.contact.set_attributes.v1': { input: SetContactAttributesInputSchema, output: SetContactAttributesOutputSchema },
} as const;
