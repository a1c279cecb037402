import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { EVENTS_STREAM, type CoreEventData } from '@switchboard/events';
import { definePlugin, type PluginStorage } from '@switchboard/plugin-sdk';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';

/** A subscriber that records each sent message once, keyed by event id (an idempotent handler). */
function createAuditPlugin() {
  let storage: PluginStorage | null = null;
  let deliveries = 0;
  const definition = definePlugin({
    id: 'audit',
    version: '1.0.0',
    core: '^0.1.0',
    kind: 'analytics',
    config: v.object({}),
    migrations: [{ id: '001', sql: (t) => `CREATE TABLE ${t('seen')} (event_id TEXT PRIMARY KEY, message_id TEXT NOT NULL)` }],
    setup(ctx) {
      storage = ctx.storage;
      ctx.bus.subscribe('record', {
        types: ['core.message.sent.v1'],
        backoffMs: [100],
        maxAttempts: 20,
        handler: async (event) => {
          deliveries++;
          const data = event.data as CoreEventData<'core.message.sent.v1'>;
          await ctx.storage.execute(`INSERT OR IGNORE INTO ${ctx.storage.table('seen')} (event_id, message_id) VALUES (?, ?)`, [event.id, data.message.id]);
        },
      });
    },
  });
  return {
    definition,
    deliveries: () => deliveries,
    async seen() {
      const r = await storage!.execute(`SELECT event_id, message_id FROM ${storage!.table('seen')}`);
      return r.rows as Array<{ event_id: string; message_id: string }>;
    },
  };
}

describe('NATS outage while messages are being recorded', () => {
  const echo = createEchoChannel();
  const audit = createAuditPlugin();
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: echo.definition }, { definition: audit.definition }] });
  });
  afterAll(async () => host?.stop());

  it('queues events in the outbox and delivers each to subscribers exactly once after NATS returns', async () => {
    const { conversationId } = await echo.channel().recordInbound({ thread: 'outage', from: { identity: { type: 'echo_user', value: 'outage' } }, providerMessageId: 'o-0', text: 'hi' });
    const send = (i: number) =>
      host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: `o-${i}`, text: `reply ${i}` }) });

    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await send(i)).status);
    const during = Array.from({ length: 20 }, (_, i) => i + 10);
    await host.natsDown();
    // The API keeps accepting replies: they commit with their outbox rows.
    for (const i of during) statuses.push((await send(i)).status);
    await host.natsUp();
    for (let i = 30; i < 40; i++) statuses.push((await send(i)).status);
    expect(statuses.every((s) => s === 201)).toBe(true);

    await expect
      .poll(async () => (await audit.seen()).length, { timeout: 30_000, interval: 200 })
      .toBe(40);
    const rows = await audit.seen();
    expect(new Set(rows.map((r) => r.message_id)).size).toBe(40);

    // The stream holds each event once: republished outbox rows were dropped by Nats-Msg-Id.
    const nc = await connect({ servers: host.natsUrl });
    const consumer = await jetstream(nc).consumers.get(EVENTS_STREAM, { deliver_policy: DeliverPolicy.All });
    const info = await consumer.info();
    const ids: string[] = [];
    const batch = await consumer.fetch({ max_messages: info.num_pending, expires: 5000 });
    for await (const m of batch) {
      const event = m.json<{ id: string; type: string }>();
      if (event.type === 'core.message.sent.v1') ids.push(event.id);
      if (ids.length + 1 > info.num_pending) break;
    }
    await nc.close();
    expect(ids.length).toBe(40);
    expect(new Set(ids).size).toBe(40);
    // Every agent reply was also delivered through the channel once.
    await expect.poll(() => new Set(echo.delivered.map((d) => d.message.id)).size, { timeout: 30_000 }).toBe(40);
  });
});
