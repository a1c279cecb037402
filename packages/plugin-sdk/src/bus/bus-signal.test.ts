import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { TYPING_SUBJECT } from '@switchboard/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../logger';
import { startTestNats } from '../test-helpers/nats-server';
import { createBus } from './create-bus';

const quiet: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, child: () => quiet };

describe('bus signals', () => {
  let nats: Awaited<ReturnType<typeof startTestNats>>;
  let nc: NatsConnection;
  beforeAll(async () => {
    nats = await startTestNats();
    nc = await connect({ servers: nats.url });
  });
  afterAll(async () => {
    await nc?.close();
    await nats?.stop();
  });

  it('sends ephemeral signals on core NATS only, and nowhere else', async () => {
    const received: unknown[] = [];
    const sub = nc.subscribe('switchboard.ephemeral.>', { callback: (_err, msg) => void received.push(msg.json()) });
    const bus = createBus({ nc, owner: 'channel-x', logger: quiet });
    bus.signal(TYPING_SUBJECT, { conversationId: 'c1', typing: true });
    await expect.poll(() => received).toEqual([{ conversationId: 'c1', typing: true }]);
    expect(() => bus.signal('switchboard.events.core.message.received.v1', {})).toThrow(expect.objectContaining({ code: 'SWB_ERR_SIGNAL_SUBJECT_INVALID' }));
    expect(() => bus.signal('switchboard.ephemeral.', {})).toThrow(/switchboard\.ephemeral\.<name>/);
    sub.unsubscribe();
  });
});
