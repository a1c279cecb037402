import * as v from 'valibot';
import { ActorSchema, IdSchema, LabelSetInputSchema, PrioritySchema } from './model';

// Commands of the agent inbox's triage actions and contact merging. They join the core catalog
// in ./core-commands.ts; the REST API takes the same bodies without `actor`.

/** Hands a conversation to a team, or takes it from any team with `teamId: null`. */
export const SetTeamInputSchema = v.object({ conversationId: IdSchema, teamId: v.nullable(IdSchema), actor: ActorSchema });
/** Sets or clears (`null`) a conversation's priority. */
export const SetPriorityInputSchema = v.object({ conversationId: IdSchema, priority: v.nullable(PrioritySchema), actor: ActorSchema });
/** Replaces a conversation's labels with this set (trimmed, lower-cased, de-duplicated). */
export const SetLabelsInputSchema = v.object({ conversationId: IdSchema, labels: LabelSetInputSchema, actor: ActorSchema });

/** Merges `mergedId` into `survivorId`: identities and conversations move, the merged contact points at the survivor. */
export const MergeContactsInputSchema = v.object({ survivorId: IdSchema, mergedId: IdSchema, actor: ActorSchema });
export const MergeContactsOutputSchema = v.object({ survivorId: IdSchema, mergedId: IdSchema, movedConversationIds: v.array(IdSchema) });
