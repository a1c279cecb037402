import { createCloudEvent, coreEvents, type CoreEventData, type CoreEventType } from '@switchboard/events';
import { sql } from 'drizzle-orm';
import * as v from 'valibot';
import { hotStatement, statementBuilder } from '../db/prepared-statement';
import { events } from '../db/schema';
import type { Tx } from '../db/write-queue';

/** Where an event comes from and what caused it. */
export type EventContext = { correlationId?: string | undefined; causationId?: string | undefined };

/** CloudEvents `source` of every core event. */
export const CORE_SOURCE = 'switchboard/core';

// Every write appends at least one event: built once (see hotStatement).
const insertEvent = hotStatement(
  statementBuilder
  .insert(events)
  .values({
    id: sql.placeholder('id'),
    type: sql.placeholder('type'),
    conversationId: sql.placeholder('conversationId'),
    seq: sql.placeholder('seq'),
    envelope: sql.placeholder('envelope'),
    time: sql.placeholder('time'),
  })
  .prepare(),
);

/**
 * Appends a core event to the journal inside the caller's transaction. The row is the outbox: it
 * commits with the change it describes and the relay publishes it afterwards, so an event is never
 * published for a change that rolled back, nor lost for one that committed.
 *
 * @example
 * await appendEvent(tx, 'core.message.received.v1', { conversationId, seq, message }, { subject: message.id });
 */
export async function appendEvent<T extends CoreEventType>(
  tx: Tx,
  type: T,
  data: CoreEventData<T>,
  options: EventContext & { subject: string },
): Promise<string> {
  // A schema violation here is a bug in the core: fail the write rather than publish garbage.
  const checked = v.parse(coreEvents[type] as v.GenericSchema, data) as Record<string, unknown>;
  const event = createCloudEvent(type, checked, {
    source: CORE_SOURCE,
    subject: options.subject,
    ...(options.correlationId ? { correlationId: options.correlationId } : {}),
    ...(options.causationId ? { causationId: options.causationId } : {}),
  });
  const conversationId = typeof checked.conversationId === 'string' ? checked.conversationId : null;
  const seq = typeof checked.seq === 'number' ? checked.seq : null;
  await insertEvent.run(tx, {
    id: event.id,
    type,
    conversationId,
    seq,
    envelope: JSON.stringify(event),
    time: event.time,
  });
  return event.id;
}
