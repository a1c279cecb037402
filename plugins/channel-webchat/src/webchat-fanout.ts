import type { PluginBus } from '@switchboard/plugin-sdk';
import * as v from 'valibot';

/**
 * The core-NATS subject every server process listens on for visitor stream events. One subject for
 * all visitors (ids travel in the payload, as DESIGN.md wants no ids in subjects); each process
 * forwards an event only to the streams it holds itself.
 */
export const VISITOR_SIGNAL_SUBJECT = 'switchboard.ephemeral.channel-webchat.visitor';

/** One event of a visitor's stream (PROTOCOL.md §4). `id` is set for messages: their seq. */
export const StreamEventSchema = v.object({
  event: v.picklist(['message', 'typing', 'read', 'conversation.status', 'csat.requested']),
  id: v.optional(v.number()),
  data: v.record(v.string(), v.unknown()),
});
/** One event of a visitor's stream. */
export type StreamEvent = v.InferOutput<typeof StreamEventSchema>;

/** What crosses NATS: which visitor, and the event for their streams. */
export const VisitorSignalSchema = v.object({ visitorId: v.pipe(v.string(), v.minLength(1)), stream: StreamEventSchema });
/** A parsed visitor signal. */
export type VisitorSignal = v.InferOutput<typeof VisitorSignalSchema>;

/**
 * Publishes an event for a visitor's open streams on every server process. Fire-and-forget: a
 * visitor who misses it (no stream open, NATS hiccup) catches up from history, and the stream's
 * `ping` names the last seq so a gap is noticed.
 *
 * @example
 * fanOut(ctx.bus, visitor.id, { event: 'message', id: wire.seq, data: wire });
 */
export function fanOut(bus: Pick<PluginBus, 'signal'>, visitorId: string, stream: StreamEvent): void {
  const signal: VisitorSignal = { visitorId, stream };
  bus.signal(VISITOR_SIGNAL_SUBJECT, signal);
}
