import type { CoreEventData, Message } from '@switchboard/events';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';
import { expectProblem, getJson } from './inbox-helpers';

type DeliveryUpdated = CoreEventData<'core.message.delivery_updated.v1'>;

describe('retrying a failed message', () => {
  const echo = createEchoChannel();
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: echo.definition }] });
  });
  afterAll(async () => host?.stop());

  const failedReply = async (key: string) => {
    const { conversationId } = await echo.channel().recordInbound({ thread: `retry-${key}`, from: { identity: { type: 'echo_user', value: key } }, providerMessageId: key, text: 'hello' });
    echo.script.push('permanent');
    const res = await host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: `${key}-r`, text: 'reply' }) });
    const { message } = (await res.json()) as { message: Message };
    await host.waitForEvent<DeliveryUpdated>('core.message.delivery_updated.v1', (e) => e.data.messageId === message.id && e.data.state === 'failed');
    return { conversationId, message };
  };
  const retry = (conversationId: string, messageId: string) => host.request(`/api/v1/conversations/${conversationId}/messages/${messageId}/retry`, { method: 'POST' });

  it('puts a failed message back to queued and delivers it again, once', async () => {
    const { conversationId, message } = await failedReply('ok');
    const res = await retry(conversationId, message.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ messageId: message.id, state: 'queued', changed: true });

    const queued = await host.waitForEvent<DeliveryUpdated>('core.message.delivery_updated.v1', (e) => e.data.messageId === message.id && e.data.state === 'queued');
    expect(queued.data).toMatchObject({ previousState: 'failed', error: null });
    const sent = await host.waitForEvent<DeliveryUpdated>('core.message.delivery_updated.v1', (e) => e.data.messageId === message.id && e.data.state === 'sent');
    expect(sent.data.providerMessageId).toBe(`echo-${message.id}`);
    expect(echo.delivered.filter((d) => d.message.id === message.id).map((d) => d.attempt)).toEqual([1, 1]);

    const { items } = await getJson<{ items: Message[] }>(host, `/api/v1/conversations/${conversationId}/messages`);
    expect(items.find((m) => m.id === message.id)?.delivery).toEqual({ state: 'sent', error: null });
    const events = await getJson<{ items: Array<{ type: string; data: { seq: number; state?: string } }> }>(host, `/api/v1/conversations/${conversationId}/events?afterSeq=0`);
    expect(events.items.map((e) => e.data.seq)).toEqual(events.items.map((_, i) => i + 1));
    expect(events.items.filter((e) => e.type === 'core.message.delivery_updated.v1').map((e) => e.data.state)).toEqual(['failed', 'queued', 'sent']);

    // Sent now: retrying again is a conflict and sends nothing.
    await expectProblem(await retry(conversationId, message.id), 409, 'SWB_ERR_CONFLICT');
    expect(echo.delivered.filter((d) => d.message.id === message.id)).toHaveLength(2);
  });

  it('fails again with the provider’s reason when the retry fails too, and can be retried once more', async () => {
    const { conversationId, message } = await failedReply('twice');
    echo.script.push('permanent');
    await retry(conversationId, message.id);
    await expect
      .poll(() => host.events().filter((e) => e.type === 'core.message.delivery_updated.v1' && (e.data as DeliveryUpdated).messageId === message.id).map((e) => (e.data as DeliveryUpdated).state))
      .toEqual(['failed', 'queued', 'failed']);
    expect((await retry(conversationId, message.id)).status).toBe(200);
    await host.waitForEvent<DeliveryUpdated>('core.message.delivery_updated.v1', (e) => e.data.messageId === message.id && e.data.state === 'sent');
    expect(echo.delivered.filter((d) => d.message.id === message.id)).toHaveLength(3);
  });

  it('refuses what cannot be retried', async () => {
    const { conversationId } = await echo.channel().recordInbound({ thread: 'retry-no', from: { identity: { type: 'echo_user', value: 'no' } }, providerMessageId: 'no-1', text: 'hi' });
    const res = await host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: 'no-r', text: 'fine' }) });
    const { message } = (await res.json()) as { message: Message };
    await host.waitForEvent<DeliveryUpdated>('core.message.delivery_updated.v1', (e) => e.data.messageId === message.id && e.data.state === 'sent');
    await expectProblem(await retry(conversationId, message.id), 409, 'SWB_ERR_CONFLICT');

    const { items } = await getJson<{ items: Message[] }>(host, `/api/v1/conversations/${conversationId}/messages`);
    const inbound = items.find((m) => m.direction === 'inbound')!;
    await expectProblem(await retry(conversationId, inbound.id), 404, 'SWB_ERR_MESSAGE_NOT_FOUND');
    const note = await host.request(`/api/v1/conversations/${conversationId}/notes`, { method: 'POST', body: JSON.stringify({ text: 'private' }) });
    const { note: stored } = (await note.json()) as { note: Message };
    await expectProblem(await retry(conversationId, stored.id), 404, 'SWB_ERR_MESSAGE_NOT_FOUND');
    await expectProblem(await retry(conversationId, '01NOPE'), 404, 'SWB_ERR_MESSAGE_NOT_FOUND');
    await expectProblem(await retry('01NOPE', message.id), 404, 'SWB_ERR_CONVERSATION_NOT_FOUND');
  });
});
