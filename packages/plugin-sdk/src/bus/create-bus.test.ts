import { jetstream, jetstreamManager, DeliverPolicy } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { DEAD_LETTER_STREAM, DEAD_LETTER_SUBJECT_PREFIX, EVENTS_STREAM, EVENT_SUBJECT_PREFIX, type CloudEvent } from '@switchboard/events';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SwitchboardError } from '../errors';
import type { Logger } from '../logger';
import { startTestNats } from '../test-helpers/nats-server';
import { createBus } from './create-bus';

const quiet: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, child: () => quiet };
const contract = { input: v.object({ n: v.number() }), output: v.object({ doubled: v.number() }) };

describe('bus', () => {
  let nats: Awaited<ReturnType<typeof startTestNats>>;
  let nc: NatsConnection;
  beforeAll(async () => {
    nats = await startTestNats();
    nc = await connect({ servers: nats.url });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: EVENTS_STREAM, subjects: [`${EVENT_SUBJECT_PREFIX}>`] });
    await jsm.streams.add({ name: DEAD_LETTER_STREAM, subjects: [`${DEAD_LETTER_SUBJECT_PREFIX}>`] });
  });
  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  it('serves commands, validating input once at the edge', async () => {
    const server = createBus({ nc, owner: 'math', logger: quiet });
    server.handle('math.number.double.v1', contract, async ({ n }) => ({ doubled: n * 2 }));
    await server.start();
    const client = createBus({ nc, owner: 'client', logger: quiet });
    await client.start();
    expect(await client.request('math.number.double.v1', contract, { n: 21 })).toEqual({ doubled: 42 });
    await expect(client.request('math.number.double.v1', contract, { n: 'x' } as never)).rejects.toMatchObject({ code: 'SWB_ERR_COMMAND_INVALID', retryable: false });
    await expect(client.request('nobody.serves.this.v1', contract, { n: 1 })).rejects.toMatchObject({ code: 'SWB_ERR_NO_RESPONDERS', retryable: true });
    await server.stop();
    await client.stop();
  });

  it('refuses registrations after start and events it does not own', async () => {
    const bus = createBus({ nc, owner: 'late', logger: quiet });
    await bus.start();
    expect(() => bus.subscribe('x', { types: ['core.message.received.v1'], handler: async () => {} })).toThrow(/during setup/);
    await expect(bus.publish('core.message.received.v1', {})).rejects.toMatchObject({ code: 'SWB_ERR_EVENT_NOT_OWNED' });
    await bus.stop();
  });

  it('retries a failing handler with backoff, then dead-letters the event', async () => {
    const attempts: number[] = [];
    const consumer = createBus({ nc, owner: 'flaky', logger: quiet });
    consumer.subscribe('always-fails', {
      types: ['producer.thing.happened.v1'],
      maxAttempts: 3,
      backoffMs: [50],
      handler: async (_event, delivery) => {
        attempts.push(delivery.attempt);
        throw new SwitchboardError({ code: 'X', message: 'downstream is down', retryable: true });
      },
    });
    const seen: CloudEvent[] = [];
    const ok = createBus({ nc, owner: 'steady', logger: quiet });
    ok.subscribe('records', { types: ['producer.thing.happened.v1', 'producer.other.happened.v1'], handler: async (event) => void seen.push(event) });
    await consumer.start();
    await ok.start();
    const producer = createBus({ nc, owner: 'producer', logger: quiet });
    await producer.start();
    const event = await producer.publish('producer.thing.happened.v1', { a: 1 }, { subject: 'thing-1' });
    await producer.publish('producer.unrelated.happened.v1', { a: 2 });

    await expect.poll(() => attempts, { timeout: 10_000 }).toEqual([1, 2, 3]);
    const dlq = await jetstream(nc).consumers.get(DEAD_LETTER_STREAM, { deliver_policy: DeliverPolicy.All });
    const msg = await dlq.next({ expires: 5000 });
    expect(msg?.subject).toBe(`${DEAD_LETTER_SUBJECT_PREFIX}flaky__always-fails`);
    expect(msg?.json()).toMatchObject({ durable: 'flaky__always-fails', attempts: 3, reason: 'downstream is down', event: { id: event.id, subject: 'thing-1' } });
    // Another subscriber is unaffected, and sees only the types it asked for.
    await expect.poll(() => seen.map((e) => e.id)).toEqual([event.id]);
    await Promise.all([consumer.stop(), ok.stop(), producer.stop()]);
  });
});
