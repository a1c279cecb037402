import type { CloudEvent, CoreEventData } from '@switchboard/events';
import { definePlugin } from '@switchboard/plugin-sdk';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';
import { getJson, newApiToken, postJson, signInNewAgent, type Caller } from './inbox-helpers';

type Read = CoreEventData<'core.conversation.read.v1'>;

describe('read receipts for channels', () => {
  const echo = createEchoChannel();
  // Stands in for a channel that shows "Seen" (the web chat): a durable subscriber of read receipts.
  const seen: CloudEvent<Read>[] = [];
  const seer = definePlugin({
    id: 'test-seer',
    version: '1.0.0',
    core: '^0.1.0',
    kind: 'integration',
    config: v.object({}),
    setup(ctx) {
      ctx.bus.subscribe('seen', {
        types: ['core.conversation.read.v1'],
        handler: async (event) => {
          seen.push(event as CloudEvent<Read>);
        },
      });
    },
  });
  let host: TestHost;
  let sam: Caller;
  let ana: Caller;
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: echo.definition }, { definition: seer }] });
    sam = await signInNewAgent(host, 'sam@example.com');
    ana = await signInNewAgent(host, 'ana@example.com');
  });
  afterAll(async () => host?.stop());

  const reads = (conversationId: string) => host.events().filter((e) => e.type === 'core.conversation.read.v1' && (e.data as Read).conversationId === conversationId);
  const inbound = (id: string, thread = 'seen-1') => echo.channel().recordInbound({ thread, from: { identity: { type: 'echo_user', value: thread } }, providerMessageId: id, text: `message ${id}` });

  it('tells channels when an agent read up to a newer message, once per message, without a sequence number', async () => {
    const first = await inbound('s-1');
    const mark = await postJson<{ lastReadMessageId: string | null; lastReadAt: string }>(host, `/api/v1/conversations/${first.conversationId}/read`, {}, sam);
    expect(mark.lastReadMessageId).toBe(first.messageId);
    const event = await host.waitForEvent<Read>('core.conversation.read.v1', (e) => e.data.conversationId === first.conversationId);
    expect(event.data).toEqual({ conversationId: first.conversationId, agentId: sam.id, lastReadMessageId: first.messageId, at: mark.lastReadAt });
    expect(event.subject).toBe(first.conversationId);
    expect(event.data).not.toHaveProperty('seq');

    // Nothing new to read: no second receipt. A private note is not something the customer sees.
    await postJson(host, `/api/v1/conversations/${first.conversationId}/read`, {}, sam);
    await postJson(host, `/api/v1/conversations/${first.conversationId}/notes`, { text: 'VIP' }, sam);
    await postJson(host, `/api/v1/conversations/${first.conversationId}/read`, {}, sam);

    const second = await inbound('s-2');
    await postJson(host, `/api/v1/conversations/${first.conversationId}/read`, {}, sam);
    await host.waitForEvent<Read>('core.conversation.read.v1', (e) => e.data.lastReadMessageId === second.messageId);
    // Another agent's mark is their own.
    await postJson(host, `/api/v1/conversations/${first.conversationId}/read`, {}, ana);
    await host.waitForEvent<Read>('core.conversation.read.v1', (e) => e.data.agentId === ana.id);
    expect(reads(first.conversationId).map((e) => [(e.data as Read).agentId, (e.data as Read).lastReadMessageId])).toEqual([
      [sam.id, first.messageId],
      [sam.id, second.messageId],
      [ana.id, second.messageId],
    ]);

    // Not a conversation change: the conversation's own event stream does not replay it.
    const replay = await getJson<{ items: CloudEvent[] }>(host, `/api/v1/conversations/${first.conversationId}/events?afterSeq=0`);
    expect(replay.items.map((e) => e.type)).not.toContain('core.conversation.read.v1');
  });

  it('reaches a plugin’s durable subscription', async () => {
    const { conversationId, messageId } = await inbound('s-3', 'seen-2');
    await postJson(host, `/api/v1/conversations/${conversationId}/read`, {}, sam);
    await expect.poll(() => seen.find((e) => e.data.conversationId === conversationId)?.data.lastReadMessageId, { timeout: 15_000 }).toBe(messageId);
  });

  it('stays an agent’s act: an API token cannot mark read', async () => {
    const { conversationId } = await inbound('s-4', 'seen-3');
    const crm = await newApiToken(host, 'crm');
    const res = await crm.request(`/api/v1/conversations/${conversationId}/read`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(403);
    expect(reads(conversationId)).toEqual([]);
  });
});
