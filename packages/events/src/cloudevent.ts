import { monotonicFactory } from 'ulid';
import * as v from 'valibot';
import { createPooledRandom } from './pooled-random';

/**
 * A CloudEvents 1.0 JSON envelope as Switchboard publishes it. `subject` is the id of the entity
 * the event is about; `correlationid` and `causationid` are CloudEvents extension attributes.
 */
export const CloudEventSchema = v.object({
  specversion: v.literal('1.0'),
  id: v.pipe(v.string(), v.minLength(1)),
  source: v.pipe(v.string(), v.minLength(1)),
  type: v.pipe(v.string(), v.minLength(1)),
  time: v.pipe(v.string(), v.isoTimestamp()),
  subject: v.optional(v.string()),
  datacontenttype: v.optional(v.literal('application/json')),
  correlationid: v.optional(v.string()),
  causationid: v.optional(v.string()),
  data: v.unknown(),
});
/** A CloudEvent whose `data` is not yet validated against its type's schema. */
export type CloudEvent<TData = unknown> = Omit<v.InferOutput<typeof CloudEventSchema>, 'data'> & {
  data: TData;
};

// Monotonic within a process, so ids made in the same millisecond still sort in creation order.
const nextUlid = monotonicFactory(createPooledRandom());

/** Options for {@link createCloudEvent}. */
export type CreateCloudEventOptions = {
  source: string;
  subject?: string;
  correlationId?: string;
  causationId?: string;
  id?: string;
  time?: Date;
};

/**
 * Builds a CloudEvent with a fresh ULID id. The correlation id defaults to the event's own id, so
 * a chain of events started here can be followed.
 *
 * @example
 * const event = createCloudEvent('core.message.received.v1', data, { source: 'switchboard/core', subject: data.message.id });
 */
export function createCloudEvent<TData>(
  type: string,
  data: TData,
  options: CreateCloudEventOptions,
): CloudEvent<TData> {
  const id = options.id ?? nextUlid();
  const event: CloudEvent<TData> = {
    specversion: '1.0',
    id,
    source: options.source,
    type,
    time: (options.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    correlationid: options.correlationId ?? id,
    data,
  };
  if (options.subject !== undefined) event.subject = options.subject;
  if (options.causationId !== undefined) event.causationid = options.causationId;
  return event;
}

/**
 * Creates a new ULID, the id format of events, commands and core entities.
 *
 * @example
 * const id = newId(); // '01JD3Z6Q8V5C2K9W4T7N0R1M6B'
 */
export function newId(): string {
  return nextUlid();
}
