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

  it('delivers signals to every process listening (no queue group), and only after start', async () => {
    const got: Array<{ process: string; data: unknown; subject: string }> = [];
    const listeners = ['a', 'b'].map((name) => {
      const bus = createBus({ nc, owner: 'channel-y', logger: quiet });
      bus.onSignal('switchboard.ephemeral.channel-y.>', (data, subject) => void got.push({ process: name, data, subject }));
      return bus;
    });
    expect(() => listeners[0]!.onSignal('switchboard.events.>', () => undefined)).toThrow(expect.objectContaining({ code: 'SWB_ERR_SIGNAL_SUBJECT_INVALID' }));
    for (const bus of listeners) await bus.start();
    expect(() => listeners[0]!.onSignal('switchboard.ephemeral.x', () => undefined)).toThrow(expect.objectContaining({ code: 'SWB_ERR_REGISTRATION_CLOSED' }));
    nc.publish('switchboard.ephemeral.channel-y.visitor', 'not json');
    const sender = createBus({ nc, owner: 'channel-y', logger: quiet });
    sender.signal('switchboard.ephemeral.channel-y.visitor', { n: 1 });
    await expect.poll(() => got.map((g) => g.process).sort()).toEqual(['a', 'b']);
    expect(got.every((g) => g.subject === 'switchboard.ephemeral.channel-y.visitor' && (g.data as { n: number }).n === 1)).toBe(true);
    for (const bus of listeners) await bus.stop();
    sender.signal('switchboard.ephemeral.channel-y.visitor', { n: 2 });
    await nc.flush();
    expect(got).toHaveLength(2);
  });
});
