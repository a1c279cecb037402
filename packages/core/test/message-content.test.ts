import { coreCommands, type CoreEventData, type Message } from '@switchboard/events';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';
import { expectProblem, getJson, postJson } from './inbox-helpers';
import { connectRealtime } from './realtime-client';

type ListItem = { id: string; lastMessageText: string | null };

describe('structured message content through the real host', () => {
  const echo = createEchoChannel();
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: echo.definition }] });
  });
  afterAll(async () => host?.stop());

  const from = (value: string) => ({ identity: { type: 'echo_user', value }, name: 'Ada' });
  const messagesOf = async (conversationId: string) => (await getJson<{ items: Message[] }>(host, `/api/v1/conversations/${conversationId}/messages`)).items;
  const previewOf = async (conversationId: string) =>
    (await getJson<{ items: ListItem[] }>(host, '/api/v1/conversations?limit=200')).items.find((c) => c.id === conversationId)?.lastMessageText;

  it('stores a shared location and contact card, returns them in the API, events and realtime, and previews them', async () => {
    const live = await connectRealtime(host.url, host.adminToken);
    const location = { latitude: 52.520008, longitude: 13.404954, name: 'Alexanderplatz', address: '10178 Berlin' };
    const first = await echo.channel().recordInbound({ thread: 'loc', from: from('loc'), providerMessageId: 'loc-1', content: { location } });
    expect(await previewOf(first.conversationId)).toBe('📍 Alexanderplatz');

    const card = { name: 'Grace Hopper', phones: ['+15550199'], emails: ['grace@example.com'] };
    await echo.channel().recordInbound({ thread: 'loc', from: from('loc'), providerMessageId: 'loc-2', content: { contacts: [card] } });
    expect(await previewOf(first.conversationId)).toBe('👤 Grace Hopper');

    const stored = await messagesOf(first.conversationId);
    expect(stored.map((m) => m.content)).toEqual([{ location }, { contacts: [card] }]);

    const event = await host.waitForEvent<CoreEventData<'core.message.received.v1'>>('core.message.received.v1', (e) => e.data.message.id === first.messageId);
    expect(event.data.message.content).toEqual({ location });
    await live.waitFor((frames) => frames.some((f) => f.event?.type === 'core.message.received.v1' && (f.event.data.message as Message).id === first.messageId));
    const frame = live.events().find((f) => (f.event?.data.message as Message | undefined)?.id === first.messageId);
    expect((frame?.event?.data.message as Message).content).toEqual({ location });
    await live.close();
  });

  it('leaves content out of text-only messages', async () => {
    const { conversationId } = await echo.channel().recordInbound({ thread: 'plain', from: from('plain'), providerMessageId: 'plain-1', text: 'hi' });
    const [message] = await messagesOf(conversationId);
    expect(message).not.toHaveProperty('content');
  });

  it('points a reaction at the message it reacts to — inbound or the agent’s delivered reply — and previews the emoji', async () => {
    const asked = await echo.channel().recordInbound({ thread: 'react', from: from('react'), providerMessageId: 'r-1', text: 'Is it in stock?' });
    const reply = await postJson<{ message: Message }>(host, `/api/v1/conversations/${asked.conversationId}/messages`, { clientMessageId: 'react-reply', text: 'Yes, 3 left' });
    await host.waitForEvent<CoreEventData<'core.message.delivery_updated.v1'>>('core.message.delivery_updated.v1', (e) => e.data.messageId === reply.message.id && e.data.state === 'sent');

    const onReply = await echo.channel().recordInbound({
      thread: 'react',
      from: from('react'),
      providerMessageId: 'r-2',
      text: '👍',
      replyToProviderMessageId: `echo-${reply.message.id}`,
      content: { reaction: { emoji: '👍' } },
    });
    const onOwn = await echo.channel().recordInbound({ thread: 'react', from: from('react'), providerMessageId: 'r-3', replyToProviderMessageId: 'r-1', content: { reaction: { emoji: '❤️' } } });
    const byId = new Map((await messagesOf(asked.conversationId)).map((m) => [m.id, m]));
    expect(byId.get(onReply.messageId)).toMatchObject({ replyToMessageId: reply.message.id, content: { reaction: { emoji: '👍' } } });
    expect(byId.get(onOwn.messageId)).toMatchObject({ replyToMessageId: asked.messageId, content: { reaction: { emoji: '❤️' } } });
    expect(await previewOf(asked.conversationId)).toBe('Reacted ❤️');
  });

  it('keeps the tapped button of a postback', async () => {
    const tapped = await echo.channel().recordInbound({
      thread: 'tap',
      from: from('tap'),
      providerMessageId: 't-1',
      text: 'Track my order',
      content: { postback: { payload: 'TRACK_ORDER', title: 'Track my order' } },
    });
    const [message] = await messagesOf(tapped.conversationId);
    expect(message).toMatchObject({ text: 'Track my order', content: { postback: { payload: 'TRACK_ORDER', title: 'Track my order' } } });
  });

  it('sends quick replies to the channel, from the REST API and over the bus', async () => {
    const { conversationId } = await echo.channel().recordInbound({ thread: 'qr', from: from('qr'), providerMessageId: 'qr-1', text: 'I need help' });
    const quickReplies = [
      { title: 'Billing', payload: 'BILLING' },
      { title: 'Shipping', payload: 'SHIPPING' },
    ];
    const viaRest = await postJson<{ message: Message }>(host, `/api/v1/conversations/${conversationId}/messages`, { clientMessageId: 'qr-rest', text: 'What is it about?', content: { quickReplies } });
    expect(viaRest.message.content).toEqual({ quickReplies });
    const viaBus = await host.bus.request('core.message.send.v1', coreCommands['core.message.send.v1'], {
      conversationId,
      clientMessageId: 'qr-bus',
      text: 'Pick one',
      sender: { kind: 'bot', id: 'triage-bot' },
      content: { quickReplies: [{ title: 'Agent', payload: 'AGENT' }] },
    });
    for (const id of [viaRest.message.id, viaBus.message.id]) {
      await host.waitForEvent<CoreEventData<'core.message.delivery_updated.v1'>>('core.message.delivery_updated.v1', (e) => e.data.messageId === id && e.data.state === 'sent');
    }
    expect(echo.delivered.find((d) => d.message.id === viaRest.message.id)?.message.content).toEqual({ quickReplies });
    expect(echo.delivered.find((d) => d.message.id === viaBus.message.id)?.message.content).toEqual({ quickReplies: [{ title: 'Agent', payload: 'AGENT' }] });
    const sent = await host.waitForEvent<CoreEventData<'core.message.sent.v1'>>('core.message.sent.v1', (e) => e.data.message.id === viaRest.message.id);
    expect(sent.data.message.content).toEqual({ quickReplies });
  });

  it('refuses outbound content that makes no sense, with a problem and nothing stored', async () => {
    const { conversationId } = await echo.channel().recordInbound({ thread: 'bad', from: from('bad'), providerMessageId: 'bad-1', text: 'hello' });
    const send = (body: unknown) => host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify(body) });
    await expectProblem(await send({ clientMessageId: 'b-1', content: { quickReplies: [{ title: 'Yes', payload: 'Y' }] } }), 422, 'SWB_ERR_VALIDATION');
    await expectProblem(await send({ clientMessageId: 'b-2', text: 'x', content: { reaction: { emoji: '👍' } } }), 422, 'SWB_ERR_VALIDATION');
    const tooLong = await expectProblem(await send({ clientMessageId: 'b-3', text: 'x', content: { quickReplies: [{ title: 'x'.repeat(81), payload: 'Y' }] } }), 422, 'SWB_ERR_VALIDATION');
    expect(tooLong.errors?.[0]?.path).toBe('body.content.quickReplies.0.title');
    await expectProblem(await send({ clientMessageId: 'b-4', content: { location: { latitude: 91, longitude: 0 } } }), 422, 'SWB_ERR_VALIDATION');
    expect((await messagesOf(conversationId)).map((m) => m.text)).toEqual(['hello']);
    // A location alone is a message of its own.
    const shared = await postJson<{ message: Message }>(host, `/api/v1/conversations/${conversationId}/messages`, { clientMessageId: 'b-5', content: { location: { latitude: 48.1, longitude: 11.5, name: 'Our shop' } } });
    expect(shared.message.content?.location?.name).toBe('Our shop');
  });
});
