import * as v from 'valibot';

/**
 * The envelope of a command sent as a NATS request. Like an event it carries an id and the
 * correlation/causation chain, so the events a command causes can point back at it.
 */
export const CommandEnvelopeSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  name: v.pipe(v.string(), v.minLength(1)),
  source: v.pipe(v.string(), v.minLength(1)),
  time: v.pipe(v.string(), v.isoTimestamp()),
  correlationid: v.optional(v.string()),
  causationid: v.optional(v.string()),
  data: v.unknown(),
});
/** A command envelope whose `data` is not yet validated. */
export type CommandEnvelope<TData = unknown> = Omit<v.InferOutput<typeof CommandEnvelopeSchema>, 'data'> & {
  data: TData;
};

/** The error half of a command reply. `retryable` tells the caller whether trying again can help. */
export const CommandErrorSchema = v.object({
  code: v.string(),
  message: v.string(),
  retryable: v.boolean(),
  status: v.optional(v.number()),
  details: v.optional(v.unknown()),
});
export type CommandError = v.InferOutput<typeof CommandErrorSchema>;

/** The reply to a command: `{ ok: true, data }` or `{ ok: false, error }`. */
export const CommandReplySchema = v.variant('ok', [
  v.object({ ok: v.literal(true), data: v.unknown() }),
  v.object({ ok: v.literal(false), error: CommandErrorSchema }),
]);
export type CommandReply<TData = unknown> =
  | { ok: true; data: TData }
  | { ok: false; error: CommandError };
