import { coreCommands, type CoreEventData } from '@switchboard/events';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';

describe('conversation commands over the bus', () => {
  const echo = createEchoChannel();
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: echo.definition }] });
  });
  afterAll(async () => host?.stop());

  const request = <N extends keyof typeof coreCommands>(name: N, input: unknown) =>
    host.bus.request(name, coreCommands[name], input as never);
  const bot = { kind: 'plugin' as const, id: 'test' };

  it('assigns, notes, snoozes, resolves; each change is one event with the next sequence number', async () => {
    const { conversationId } = await echo.channel().recordInbound({ thread: 'cmd', from: { identity: { type: 'echo_user', value: 'cmd' } }, providerMessageId: 'cmd-1', text: 'help' });
    const me = (await (await host.request('/api/v1/me')).json()) as { agent: { id: string } };

    expect(await request('core.conversation.assign.v1', { conversationId, agentId: me.agent.id, actor: bot })).toMatchObject({ changed: true });
    expect(await request('core.conversation.assign.v1', { conversationId, agentId: me.agent.id, actor: bot })).toMatchObject({ changed: false });
    const note = (await request('core.conversation.add_note.v1', { conversationId, text: 'VIP customer', author: { kind: 'bot', id: 'triage' } })) as { note: { private: boolean } };
    expect(note.note.private).toBe(true);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await request('core.conversation.change_status.v1', { conversationId, status: 'snoozed', snoozedUntil: until, actor: bot });
    await expect(request('core.conversation.change_status.v1', { conversationId, status: 'snoozed', snoozedUntil: '2000-01-01T00:00:00.000Z', actor: bot })).rejects.toMatchObject({ code: 'SWB_ERR_VALIDATION' });

    // A customer message wakes a snoozed conversation.
    await echo.channel().recordInbound({ thread: 'cmd', from: { identity: { type: 'echo_user', value: 'cmd' } }, providerMessageId: 'cmd-2', text: 'still there?' });
    const woke = await host.waitForEvent<CoreEventData<'core.conversation.status_changed.v1'>>('core.conversation.status_changed.v1', (e) => e.data.conversationId === conversationId && e.data.to === 'open');
    expect(woke.data.from).toBe('snoozed');
    await request('core.conversation.change_status.v1', { conversationId, status: 'resolved', actor: bot });
    await request('core.conversation.assign.v1', { conversationId, agentId: null, actor: bot });

    await host.waitForEvent('core.conversation.unassigned.v1', (e) => (e.data as { conversationId: string }).conversationId === conversationId);
    const events = (await (await host.request(`/api/v1/conversations/${conversationId}/events?afterSeq=0`)).json()) as { items: Array<{ type: string; data: { seq: number } }> };
    const seqs = events.items.map((e) => e.data.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(events.items.map((e) => e.type)).toEqual([
      'core.conversation.opened.v1',
      'core.message.received.v1',
      'core.conversation.assigned.v1',
      'core.note.added.v1',
      'core.conversation.status_changed.v1',
      'core.conversation.status_changed.v1',
      'core.message.received.v1',
      'core.conversation.status_changed.v1',
      'core.conversation.unassigned.v1',
    ]);
    // A client that saw up to seq 4 asks for exactly the rest.
    const since = (await (await host.request(`/api/v1/conversations/${conversationId}/events?afterSeq=4`)).json()) as { items: Array<{ data: { seq: number } }> };
    expect(since.items.map((e) => e.data.seq)).toEqual([5, 6, 7, 8, 9]);
    // Notes never go to the channel.
    expect(echo.delivered.some((d) => d.message.conversationId === conversationId)).toBe(false);
  });

  it('refuses an invalid command with the issues, and an unknown conversation with 404', async () => {
    await expect(request('core.conversation.assign.v1', { conversationId: 5 })).rejects.toMatchObject({ code: 'SWB_ERR_COMMAND_INVALID', retryable: false });
    await expect(request('core.conversation.add_note.v1', { conversationId: '01NOPE', text: 'x', author: { kind: 'bot', id: 'b' } })).rejects.toMatchObject({
      code: 'SWB_ERR_CONVERSATION_NOT_FOUND',
      status: 404,
    });
  });

  it('keeps one conversation when the same customer writes on another thread: it gains a leg', async () => {
    const identity = { type: 'echo_user', value: 'legs' };
    const a = await echo.channel().recordInbound({ thread: 'web-session-1', from: { identity }, providerMessageId: 'legs-1', text: 'from chat' });
    const b = await echo.channel().recordInbound({ thread: 'mail-thread-9', from: { identity }, providerMessageId: 'legs-2', text: 'from mail' });
    expect(b.conversationId).toBe(a.conversationId);
    expect(b.contactId).toBe(a.contactId);
    const conv = (await (await host.request(`/api/v1/conversations/${a.conversationId}`)).json()) as { legs: Array<{ thread: string }>; contact: { conversations: unknown[] } };
    expect(conv.legs.map((l) => l.thread)).toEqual(['web-session-1', 'mail-thread-9']);
    await host.waitForEvent('core.conversation.leg_added.v1', (e) => (e.data as { conversationId: string }).conversationId === a.conversationId);

    // The agent's reply goes out on the leg the customer wrote on last.
    const res = await host.request(`/api/v1/conversations/${a.conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: 'legs-r', text: 'got it' }) });
    const { message } = (await res.json()) as { message: { id: string } };
    await expect.poll(() => echo.delivered.find((d) => d.message.id === message.id)?.leg.thread).toBe('mail-thread-9');

    // Once resolved, a new message starts a new conversation for the same contact.
    await request('core.conversation.change_status.v1', { conversationId: a.conversationId, status: 'resolved', actor: bot });
    const c = await echo.channel().recordInbound({ thread: 'web-session-1', from: { identity }, providerMessageId: 'legs-3', text: 'new question' });
    expect(c.conversationId).not.toBe(a.conversationId);
    expect(c.contactId).toBe(a.contactId);
    const contact = (await (await host.request(`/api/v1/contacts/${a.contactId}`)).json()) as { conversations: Array<{ id: string }> };
    expect(contact.conversations.map((x) => x.id).sort()).toEqual([a.conversationId, c.conversationId].sort());
  });
});
