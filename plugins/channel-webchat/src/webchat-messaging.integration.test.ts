import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WIDGETS, startWebchatHost } from './test-helpers/webchat-host';
import { call, json, openStream, problemOf, sendText, startSession, type Session, type WireMessage } from './test-helpers/webchat-test-client';

let host: TestHost;
beforeAll(async () => {
  host = await startWebchatHost();
});
afterAll(async () => {
  await host?.stop();
});

/** What an agent does in the inbox, over the core's REST API. */
const agent = {
  async reply(conversationId: string, text: string, extra: Record<string, unknown> = {}): Promise<{ message: { id: string } }> {
    const res = await host.request(`/api/v1/conversations/${conversationId}/messages`, { method: 'POST', body: JSON.stringify({ clientMessageId: `agent-${Math.random().toString(36).slice(2)}`, text, ...extra }) });
    return json(res, 201);
  },
  async messages(conversationId: string): Promise<Array<{ id: string; text: string; private: boolean; delivery: { state: string }; sender: { kind: string } }>> {
    const res = await host.request(`/api/v1/conversations/${conversationId}/messages`);
    return (await json<{ items: never[] }>(res, 200)).items;
  },
  async status(conversationId: string, status: string): Promise<void> {
    await json(await host.request(`/api/v1/conversations/${conversationId}/status`, { method: 'POST', body: JSON.stringify({ status }) }), 200);
  },
  async typing(conversationId: string, typing: boolean): Promise<void> {
    await json(await host.request(`/api/v1/conversations/${conversationId}/typing`, { method: 'POST', body: JSON.stringify({ typing }) }), 204);
  },
};

async function visitorWithConversation(text = 'Where is my order #1042?'): Promise<{ session: Session; token: string; first: WireMessage }> {
  const session = await startSession(host.url, TEST_WIDGETS.main);
  const first = await sendText(host.url, session.session_token, text);
  return { session, token: session.session_token, first };
}

describe('sending', () => {
  it('records the visitor’s message in the core as a web_visitor contact, answering the stored message', async () => {
    const { session, first } = await visitorWithConversation();
    expect(first).toMatchObject({ author: 'visitor', text: 'Where is my order #1042?', status: 'sent', sender: { kind: 'contact' } });
    const received = await host.waitForEvent<{ message: { id: string; channel: string; text: string } }>('core.message.received.v1', (e) => e.data.message.id === first.id);
    expect(received.data.message).toMatchObject({ channel: 'channel-webchat', text: 'Where is my order #1042?' });
    const opened = await host.waitForEvent<{ conversationId: string; leg: { thread: string; account: string; identity: unknown } }>('core.conversation.opened.v1', (e) => e.data.conversationId === first.conversation_id);
    expect(opened.data.leg).toMatchObject({ thread: session.visitor_id, account: 'main', identity: { type: 'web_visitor', value: session.visitor_id } });
  });

  it('stores a retried echo_id once and answers the first message again', async () => {
    const session = await startSession(host.url, TEST_WIDGETS.main);
    const body = { echo_id: 'c-1795352700000-01', text: 'Hi 👋' };
    const first = await json<{ duplicate: boolean; message: WireMessage }>(await call(host.url, '/v1/messages', { token: session.session_token, body }), 201);
    const again = await json<{ duplicate: boolean; message: WireMessage }>(await call(host.url, '/v1/messages', { token: session.session_token, body }), 200);
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ echo_id: 'c-1795352700000-01', duplicate: true, message: first.message });
    // Another visitor may use the same echo_id: it is theirs.
    const other = await startSession(host.url, TEST_WIDGETS.main);
    const theirs = await json<{ message: WireMessage }>(await call(host.url, '/v1/messages', { token: other.session_token, body }), 201);
    expect(theirs.message.id).not.toBe(first.message.id);
    const history = await json<{ messages: WireMessage[] }>(await call(host.url, '/v1/messages', { token: session.session_token }), 200);
    expect(history.messages.map((m) => m.echo_id)).toEqual(['c-1795352700000-01']);
  });

  it('refuses an empty message, a foreign attachment id and a bad echo_id with every problem listed', async () => {
    const session = await startSession(host.url, TEST_WIDGETS.main);
    const invalid = await problemOf(await call(host.url, '/v1/messages', { token: session.session_token, body: { echo_id: 'has space', text: '  ' } }), 422, 'SWB_ERR_WEBCHAT_INVALID_BODY');
    expect(invalid.errors?.map((e) => e.path)).toEqual(['echo_id', '']);
    await problemOf(await call(host.url, '/v1/messages', { token: session.session_token, body: '{"echo_id": ' }), 400, 'SWB_ERR_WEBCHAT_MALFORMED_JSON');
    const foreign = await problemOf(await call(host.url, '/v1/messages', { token: session.session_token, body: { echo_id: 'x1', text: 'look', attachment_ids: ['01JNOTANUPLOADOFMINE000000'] } }), 422, 'SWB_ERR_WEBCHAT_ATTACHMENT_UNKNOWN');
    expect(foreign.errors).toEqual([{ path: 'attachment_ids.0', message: 'not an upload of this visitor' }]);
  });
});

describe('agent replies', () => {
  it('reach the visitor’s open stream with the agent’s name and quick replies, and stay in history', async () => {
    const { token, first } = await visitorWithConversation();
    const stream = await openStream(host.url, token, { after: first.seq });
    expect(stream.status).toBe(200);
    await stream.next((e) => e.event === 'ready');
    const sent = await agent.reply(first.conversation_id, 'A replacement ships today.', { content: { quickReplies: [{ title: 'Thanks!', payload: 'THANKS' }] } });
    const event = await stream.next((e) => e.event === 'message' && (e.data as WireMessage).id === sent.message.id);
    const message = event.data as WireMessage;
    expect(message).toMatchObject({ author: 'agent', sender: { kind: 'agent', name: 'Administrator' }, text: 'A replacement ships today.', quick_replies: [{ title: 'Thanks!', payload: 'THANKS' }] });
    expect(event.id).toBe(String(message.seq));
    expect(message.seq).toBeGreaterThan(first.seq);
    // Handed to a live stream: delivered, as the agent sees it.
    await expect.poll(async () => (await agent.messages(first.conversation_id)).find((m) => m.id === sent.message.id)?.delivery.state, { timeout: 10_000 }).toBe('delivered');
    stream.close();
    const history = await json<{ messages: WireMessage[]; last_seq: number }>(await call(host.url, '/v1/messages', { token }), 200);
    expect(history.messages.map((m) => m.text)).toEqual(['Where is my order #1042?', 'A replacement ships today.']);
    expect(history.last_seq).toBe(message.seq);
  });

  it('are resynced after a reconnect from Last-Event-ID, without gaps or doubles', async () => {
    const { token, first } = await visitorWithConversation();
    const stream = await openStream(host.url, token, { after: first.seq });
    await stream.next((e) => e.event === 'ready');
    const one = await agent.reply(first.conversation_id, 'one');
    const seen = await stream.next((e) => e.event === 'message' && (e.data as WireMessage).id === one.message.id);
    stream.close();
    await stream.closed;
    // While the visitor is away two more replies arrive.
    const two = await agent.reply(first.conversation_id, 'two');
    const three = await agent.reply(first.conversation_id, 'three');
    await host.waitForEvent<{ messageId: string; state: string }>('core.message.delivery_updated.v1', (e) => e.data.messageId === three.message.id && e.data.state === 'sent');
    await host.waitForEvent<{ messageId: string; state: string }>('core.message.delivery_updated.v1', (e) => e.data.messageId === two.message.id && e.data.state === 'sent');
    const again = await openStream(host.url, token, { lastEventId: seen.id! });
    const ready = await again.next((e) => e.event === 'ready');
    const replayed = again.events.filter((e) => e.event === 'message').map((e) => (e.data as WireMessage).text);
    expect(replayed).toEqual(['two', 'three']);
    expect((ready.data as { last_seq: number }).last_seq).toBe(Number(again.events.filter((e) => e.event === 'message').at(-1)!.id));
    again.close();
    const page = await json<{ messages: WireMessage[] }>(await call(host.url, `/v1/messages?after=${seen.id}`, { token }), 200);
    expect(page.messages.map((m) => m.text)).toEqual(['two', 'three']);
  });

  it('go out through NATS: a stream event published by another server process reaches this one', async () => {
    const { session, token, first } = await visitorWithConversation();
    const stream = await openStream(host.url, token, { queryToken: true, after: first.seq });
    await stream.next((e) => e.event === 'ready');
    // The test's own NATS connection plays the other process.
    host.bus.signal('switchboard.ephemeral.channel-webchat.visitor', { visitorId: session.visitor_id, stream: { event: 'conversation.status', data: { conversation_id: first.conversation_id, status: 'pending' } } });
    host.bus.signal('switchboard.ephemeral.channel-webchat.visitor', { visitorId: 'someone-else', stream: { event: 'conversation.status', data: { conversation_id: 'x', status: 'open' } } });
    const event = await stream.next((e) => e.event === 'conversation.status');
    expect(event.data).toEqual({ conversation_id: first.conversation_id, status: 'pending' });
    expect(stream.events.filter((e) => e.event === 'conversation.status')).toHaveLength(1);
    stream.close();
  });

  it('keep at most five streams of one visitor per process, closing the oldest', async () => {
    const { token, first } = await visitorWithConversation();
    const streams = [];
    for (let i = 0; i < 6; i++) {
      const stream = await openStream(host.url, token, { after: first.seq });
      await stream.next((e) => e.event === 'ready');
      streams.push(stream);
    }
    await streams[0]!.closed;
    const reply = await agent.reply(first.conversation_id, 'to every open tab');
    for (const stream of streams.slice(1)) await stream.next((e) => e.event === 'message' && (e.data as WireMessage).id === reply.message.id);
    expect(streams[0]!.events.some((e) => e.event === 'message')).toBe(false);
    for (const stream of streams) stream.close();
  });

  it('let the visitor page back through older history, seeing only their own conversation', async () => {
    const { token, first } = await visitorWithConversation('m0');
    for (let i = 1; i < 5; i++) await sendText(host.url, token, `m${i}`);
    const someoneElse = await visitorWithConversation('not yours');
    const latest = await json<{ messages: WireMessage[]; has_more: boolean }>(await call(host.url, '/v1/messages?limit=2', { token }), 200);
    expect(latest.messages.map((m) => m.text)).toEqual(['m3', 'm4']);
    expect(latest.has_more).toBe(true);
    const older = await json<{ messages: WireMessage[]; has_more: boolean }>(await call(host.url, `/v1/messages?limit=10&before=${latest.messages[0]!.seq}`, { token }), 200);
    expect(older.messages.map((m) => m.text)).toEqual(['m0', 'm1', 'm2']);
    expect(older.has_more).toBe(false);
    const all = await json<{ messages: WireMessage[] }>(await call(host.url, `/v1/messages?after=0&limit=100`, { token }), 200);
    expect(all.messages.every((m) => m.conversation_id === first.conversation_id)).toBe(true);
    expect(all.messages.map((m) => m.text)).not.toContain('not yours');
    expect(someoneElse.first.conversation_id).not.toBe(first.conversation_id);
    await problemOf(await call(host.url, '/v1/messages?after=1&before=9', { token }), 422, 'SWB_ERR_WEBCHAT_INVALID_BODY');
  });
});

describe('quick replies, typing and read receipts', () => {
  it('records a tapped quick reply as a postback', async () => {
    const { token, first } = await visitorWithConversation();
    const res = await call(host.url, '/v1/messages', { token, body: { echo_id: 'tap-1', text: 'Yes', postback: { payload: 'CONFIRM_YES', title: 'Yes' } } });
    const { message } = await json<{ message: WireMessage }>(res, 201);
    expect(message.postback).toEqual({ payload: 'CONFIRM_YES', title: 'Yes' });
    const received = await host.waitForEvent<{ message: { id: string; content?: unknown } }>('core.message.received.v1', (e) => e.data.message.id === message.id);
    expect(received.data.message.content).toEqual({ postback: { payload: 'CONFIRM_YES', title: 'Yes' } });
    expect(message.conversation_id).toBe(first.conversation_id);
  });

  it('shows the agent typing to the visitor, and tells agents when the visitor types', async () => {
    const { session, token, first } = await visitorWithConversation();
    const stream = await openStream(host.url, token, { after: first.seq });
    await stream.next((e) => e.event === 'ready');
    await agent.typing(first.conversation_id, true);
    const typing = await stream.next((e) => e.event === 'typing');
    expect(typing.data).toEqual({ typing: true, actor: { kind: 'agent', name: 'Administrator' } });
    stream.close();

    const { connect } = await import('@nats-io/transport-node');
    const nc = await connect({ servers: host.natsUrl });
    const signals: unknown[] = [];
    nc.subscribe('switchboard.ephemeral.typing', { callback: (_err, msg) => void signals.push(msg.json()) });
    await nc.flush();
    expect((await call(host.url, '/v1/typing', { token, body: { typing: true } })).status).toBe(204);
    await expect.poll(() => signals).toContainEqual({ conversationId: first.conversation_id, actor: { kind: 'contact', id: expect.any(String), name: null }, typing: true });
    await nc.close();
    expect(session.conversation).toBeNull();
  });

  it('marks agent messages read when the visitor has seen them, and only those', async () => {
    const { token, first } = await visitorWithConversation();
    const a = await agent.reply(first.conversation_id, 'first reply');
    const b = await agent.reply(first.conversation_id, 'second reply');
    let history: { messages: WireMessage[] } = { messages: [] };
    await expect.poll(async () => {
      history = await json(await call(host.url, '/v1/messages', { token }), 200);
      return history.messages.length;
    }, { timeout: 10_000 }).toBe(3);
    const seqOfA = history.messages.find((m) => m.id === a.message.id)!.seq;
    const seen = await json<{ read_up_to_seq: number }>(await call(host.url, '/v1/seen', { token, body: { up_to_seq: seqOfA } }), 200);
    expect(seen.read_up_to_seq).toBe(seqOfA);
    await expect.poll(async () => (await agent.messages(first.conversation_id)).find((m) => m.id === a.message.id)?.delivery.state, { timeout: 10_000 }).toBe('read');
    expect((await agent.messages(first.conversation_id)).find((m) => m.id === b.message.id)?.delivery.state).toBe('delivered');
    const resumed = await startSession(host.url, TEST_WIDGETS.main, { token });
    expect(resumed).toMatchObject({ read_up_to_seq: seqOfA, unread: 1 });
  });
});

describe('agent read receipts', () => {
  it('show the visitor their messages as read once an agent reads the conversation', async () => {
    const { token, first } = await visitorWithConversation('are you there?');
    const second = await sendText(host.url, token, 'hello?');
    const stream = await openStream(host.url, token, { after: second.seq });
    await stream.next((e) => e.event === 'ready');
    await json(await host.request(`/api/v1/conversations/${first.conversation_id}/read`, { method: 'POST', body: '{}' }), 200);
    const read = await stream.next((e) => e.event === 'read');
    expect(read.data).toEqual({ agent_read_up_to_seq: second.seq });
    stream.close();
    const history = await json<{ messages: WireMessage[]; agent_read_up_to_seq: number }>(await call(host.url, '/v1/messages', { token }), 200);
    expect(history.agent_read_up_to_seq).toBe(second.seq);
    expect(history.messages.map((m) => m.status)).toEqual(['read', 'read']);
    const later = await sendText(host.url, token, 'one more');
    expect(later.status).toBe('sent');
  });
});

describe('rating after resolve', () => {
  it('offers a rating on resolve, stores it once, tells agents in a private note and publishes it', async () => {
    const { token, first } = await visitorWithConversation();
    const stream = await openStream(host.url, token, { after: first.seq });
    await stream.next((e) => e.event === 'ready');
    await problemOf(await call(host.url, '/v1/csat', { token, body: { conversation_id: first.conversation_id, rating: 5 } }), 409, 'SWB_ERR_WEBCHAT_CSAT_NOT_OFFERED');
    await agent.status(first.conversation_id, 'resolved');
    await stream.next((e) => e.event === 'conversation.status' && (e.data as { status: string }).status === 'resolved');
    const offered = await stream.next((e) => e.event === 'csat.requested');
    expect(offered.data).toEqual({ conversation_id: first.conversation_id });
    stream.close();
    expect((await startSession(host.url, TEST_WIDGETS.main, { token })).csat.pending).toEqual({ conversation_id: first.conversation_id });

    await problemOf(await call(host.url, '/v1/csat', { token, body: { conversation_id: first.conversation_id, rating: 6 } }), 422, 'SWB_ERR_WEBCHAT_INVALID_BODY');
    const rated = await json<{ csat: { rating: number; comment: string } }>(await call(host.url, '/v1/csat', { token, body: { conversation_id: first.conversation_id, rating: 4, comment: 'Quick and friendly' } }), 201);
    expect(rated.csat).toMatchObject({ conversation_id: first.conversation_id, rating: 4, comment: 'Quick and friendly' });
    await problemOf(await call(host.url, '/v1/csat', { token, body: { conversation_id: first.conversation_id, rating: 5 } }), 409, 'SWB_ERR_WEBCHAT_CSAT_NOT_OFFERED');

    const event = await host.waitForEvent<{ conversationId: string; rating: number; comment: string }>('channel-webchat.csat.submitted.v1', (e) => e.data.conversationId === first.conversation_id);
    expect(event.data).toMatchObject({ widgetId: 'main', rating: 4, comment: 'Quick and friendly' });
    const notes = (await agent.messages(first.conversation_id)).filter((m) => m.private);
    expect(notes.map((n) => n.text)).toEqual(['Customer rating ★★★★☆ 4/5 — “Quick and friendly”']);
    expect((await startSession(host.url, TEST_WIDGETS.main, { token })).csat.pending).toBeNull();

    // The next message opens a new conversation, which the visitor is told on that message.
    const next = await sendText(host.url, token, 'One more thing');
    expect(next.conversation_id).not.toBe(first.conversation_id);
  });
});

describe('uploads', () => {
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 1)]);

  function form(bytes: Uint8Array, name: string, type: string): FormData {
    const data = new FormData();
    data.append('file', new Blob([bytes], { type }), name);
    return data;
  }

  it('stores a sniffed image and sends it with a message; the agent gets it as an attachment', async () => {
    const { token, first } = await visitorWithConversation();
    const upload = await json<{ attachment: { id: string; content_type: string; url: string; size: number } }>(await call(host.url, '/v1/uploads', { token, body: form(png, 'photo.png', 'application/octet-stream') }), 201);
    expect(upload.attachment).toMatchObject({ content_type: 'image/png', size: png.length });
    const download = await fetch(upload.attachment.url);
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
    const { message } = await json<{ message: WireMessage }>(await call(host.url, '/v1/messages', { token, body: { echo_id: 'with-photo', text: '', attachment_ids: [upload.attachment.id] } }), 201);
    expect(message.attachments.map((a) => a.name)).toEqual(['photo.png']);
    const received = await host.waitForEvent<{ message: { id: string; attachments: Array<{ id: string }> } }>('core.message.received.v1', (e) => e.data.message.id === message.id);
    expect(received.data.message.attachments.map((a) => a.id)).toEqual([upload.attachment.id]);
    // Someone else cannot send that file.
    const other = await startSession(host.url, TEST_WIDGETS.main);
    await problemOf(await call(host.url, '/v1/messages', { token: other.session_token, body: { echo_id: 'steal', attachment_ids: [upload.attachment.id] } }), 422, 'SWB_ERR_WEBCHAT_ATTACHMENT_UNKNOWN');
    expect(first.author).toBe('visitor');
  });

  it('refuses a file over the size limit (413) and a type other than images and PDF (415)', async () => {
    const { token } = await visitorWithConversation();
    const big = Buffer.concat([png, Buffer.alloc(4096, 2)]);
    await problemOf(await call(host.url, '/v1/uploads', { token, body: form(big, 'big.png', 'image/png') }), 413, 'SWB_ERR_WEBCHAT_ATTACHMENT_TOO_LARGE');
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    await problemOf(await call(host.url, '/v1/uploads', { token, body: form(html, 'evil.png', 'image/png') }), 415, 'SWB_ERR_WEBCHAT_ATTACHMENT_TYPE');
    const zip = Buffer.from('504b0304140000000000', 'hex');
    await problemOf(await call(host.url, '/v1/uploads', { token, body: form(zip, 'invoice.pdf', 'application/pdf') }), 415, 'SWB_ERR_WEBCHAT_ATTACHMENT_TYPE');
  });
});
