import type { CoreEventData, Message } from '@switchboard/events';
import { startTestHost, type TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import plugin from './index';
import { verifyWebhookSignature } from './signature';
import { TEST_SECRETS } from './test-helpers/plugin-harness';
import { startTestReceiver, type TestReceiver } from './test-helpers/receiver';

type Frame = { type: string; seq?: number; event?: { id: string; type: string; data: Record<string, unknown> } };

/** An agent's realtime connection that remembers every frame and the last sequence it saw. */
async function agentStream(url: string, token: string, after?: number) {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/realtime`);
  const frames: Frame[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ type: 'hello', token, ...(after === undefined ? {} : { after }) }));
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  return {
    frames,
    received: () => frames.filter((f) => f.event?.type === 'core.message.received.v1').map((f) => (f.event!.data.message as Message).providerMessageId),
    lastSeq: () => Math.max(0, ...frames.map((f) => f.seq ?? 0)),
    closed,
    close: () => ws.close(),
  };
}

/** The integrator's side: POST with retries on network errors and 5xx, as a real sender does. */
async function customerWrites(host: TestHost, id: string, thread: string): Promise<{ messageId: string; conversationId: string; duplicate: boolean }> {
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const res = await fetch(`${host.url}/plugins/channel-api/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TEST_SECRETS.inboundToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ id, thread, from: { id: `customer-${thread}`, name: 'Dana Example' }, text: `text of ${id}` }),
      });
      if (res.status === 202) return (await res.json()) as never;
      if (res.status < 500) throw new Error(`inbound refused: ${res.status} ${await res.text()}`);
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('inbound refused')) throw err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up sending ${id}`);
}

describe('the whole loop: channel-api in, agent live, reply out, across a restart', () => {
  let receiver: TestReceiver;
  let host: TestHost;
  beforeAll(async () => {
    receiver = await startTestReceiver();
    receiver.respondWith((request, res) => {
      const body = JSON.parse(request.rawBody) as { id: string };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: `crm-${body.id}` }));
    });
    host = await startTestHost({
      plugins: [{ definition: plugin, options: { outbound: { url: receiver.url, timeoutMs: 2000 } }, secrets: { ...TEST_SECRETS } }],
      delivery: { maxAttempts: 10, backoffMs: [200] },
    });
  });
  afterAll(async () => {
    await host?.stop();
    await receiver?.close();
  });

  it('loses and duplicates nothing', async () => {
    const agent = await agentStream(host.url, host.adminToken, 0);

    // 1. A customer writes through the integrator's transport; the agent sees it live.
    const first = await customerWrites(host, 'm-1', 'order-42');
    const received = await host.waitForEvent<CoreEventData<'core.message.received.v1'>>('core.message.received.v1', (e) => e.data.message.id === first.messageId);
    expect(received.data.message.text).toBe('text of m-1');
    await expect.poll(() => agent.received()).toEqual(['m-1']);

    // 2. The agent replies over REST; the plugin delivers a signed webhook; the integrator reports it read.
    const replyRes = await host.request(`/api/v1/conversations/${first.conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: 'r-1', text: 'Looking at order 42 now' }) });
    const reply = ((await replyRes.json()) as { message: Message }).message;
    await host.waitForEvent<CoreEventData<'core.message.delivery_updated.v1'>>('core.message.delivery_updated.v1', (e) => e.data.messageId === reply.id && e.data.state === 'sent');
    const webhook = receiver.requests.find((r) => r.headers['x-switchboard-delivery'] === reply.id)!;
    expect(verifyWebhookSignature(TEST_SECRETS.webhookSecret, webhook.headers['x-switchboard-signature'] as string, webhook.headers['x-switchboard-timestamp'] as string, webhook.rawBody)).toBe(true);
    expect(JSON.parse(webhook.rawBody)).toMatchObject({ text: 'Looking at order 42 now', thread: 'order-42' });
    const status = await fetch(`${host.url}/plugins/channel-api/statuses`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_SECRETS.inboundToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ providerMessageId: `crm-${reply.id}`, state: 'read' }),
    });
    expect(status.status).toBe(200);
    await host.waitForEvent<CoreEventData<'core.message.delivery_updated.v1'>>('core.message.delivery_updated.v1', (e) => e.data.messageId === reply.id && e.data.state === 'read');

    // 3. A second reply is queued, then the server restarts while the customer keeps writing.
    await host.request(`/api/v1/conversations/${first.conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: 'r-2', text: 'One more thing' }) });
    const cursor = agent.lastSeq();
    const during = [customerWrites(host, 'm-2', 'order-42'), customerWrites(host, 'm-3', 'order-42')];
    await host.restart();
    await Promise.all(during);
    await agent.closed;
    // The integrator's retry of a message that did get through is recognised.
    expect((await customerWrites(host, 'm-2', 'order-42')).duplicate).toBe(true);
    await customerWrites(host, 'm-4', 'order-42');

    // 4. The agent reconnects from its last sequence and gets exactly what it missed.
    const again = await agentStream(host.url, host.adminToken, cursor);
    await expect.poll(() => again.received(), { timeout: 15_000 }).toEqual(expect.arrayContaining(['m-2', 'm-3', 'm-4']));
    const seen = [...agent.received(), ...again.received()];
    expect(seen.sort()).toEqual(['m-1', 'm-2', 'm-3', 'm-4']);
    const seqs = again.frames.filter((f) => f.type === 'event').map((f) => f.seq!);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs[0]).toBe(cursor + 1);

    // 5. Stored once each; every reply delivered once.
    const messages = ((await (await host.request(`/api/v1/conversations/${first.conversationId}/messages`)).json()) as { items: Message[] }).items;
    // m-2 and m-3 were sent at the same time: either order is right, each exactly once.
    expect(messages.filter((m) => m.direction === 'inbound').map((m) => m.providerMessageId).sort()).toEqual(['m-1', 'm-2', 'm-3', 'm-4']);
    const replies = messages.filter((m) => m.direction === 'outbound');
    expect(replies.map((m) => m.text)).toEqual(['Looking at order 42 now', 'One more thing']);
    await expect.poll(async () => {
      const items = ((await (await host.request(`/api/v1/conversations/${first.conversationId}/messages`)).json()) as { items: Message[] }).items;
      return items.filter((m) => m.direction === 'outbound').map((m) => m.delivery.state);
    }, { timeout: 15_000 }).toEqual(['read', 'sent']);
    for (const r of replies) expect(receiver.requests.filter((q) => q.headers['x-switchboard-delivery'] === r.id)).toHaveLength(1);
    expect(host.events().filter((e) => e.type === 'core.message.received.v1')).toHaveLength(4);
    again.close();
  });
});
