import { IdSchema, IdentitySchema } from '@switchboard/events';
import * as v from 'valibot';

// Request and response schemas of the contact endpoints (identities, unverified details, merge
// suggestions), parsed once at the edge and documented in OpenAPI.

export const ContactIdentitySchema = v.object({ ...IdentitySchema.entries, evidence: v.string(), createdAt: v.string() });
export const ContactDetailSchema = v.object({ ...IdentitySchema.entries, source: v.string(), createdAt: v.string() });
export const ContactResponseSchema = v.object({
  id: v.string(),
  name: v.nullable(v.string()),
  mergedInto: v.nullable(v.string()),
  attributes: v.record(v.string(), v.unknown()),
  /** Verified: linked on a channel's evidence (`evidence` names it). */
  identities: v.array(ContactIdentitySchema),
  /** Unverified details channels reported (`from.hints`): never linked, shown to agents, the ground of merge suggestions. */
  details: v.array(ContactDetailSchema),
  conversations: v.array(v.object({ id: v.string(), status: v.string(), lastActivityAt: v.string(), lastMessageText: v.nullable(v.string()) })),
  createdAt: v.string(),
});

export const SuggestionParamsSchema = v.object({ id: IdSchema, otherId: IdSchema });
export const SuggestionsResponseSchema = v.object({
  items: v.array(
    v.object({
      contact: v.object({ id: v.string(), name: v.nullable(v.string()), identities: v.array(IdentitySchema), createdAt: v.string() }),
      reasons: v.array(v.object({ ...IdentitySchema.entries, source: v.string(), detailOf: v.picklist(['this', 'other']) })),
    }),
  ),
});
export const DismissResponseSchema = v.object({ contactId: v.string(), otherContactId: v.string(), dismissed: v.literal(true) });
