import * as v from 'valibot';
import { ActorSchema, IdSchema } from './model';

/**
 * What is published on `switchboard.ephemeral.typing`: who is typing (or stopped) in which
 * conversation. An agent's comes from the REST API, a customer's from their channel plugin.
 */
export const TypingSignalSchema = v.object({
  conversationId: IdSchema,
  actor: v.object({ ...ActorSchema.entries, name: v.nullable(v.string()) }),
  typing: v.boolean(),
});
export type TypingSignal = v.InferOutput<typeof TypingSignalSchema>;
