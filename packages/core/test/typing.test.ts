import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { EVENTS_STREAM, TYPING_SUBJECT } from '@switchboard/events';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';
import { expectProblem, signInNewAgent, type Caller } from './inbox-helpers';
import { connectRealtime } from './realtime-client';

type TypingFrame = { type: 'typing'; conversationId: string; actor: { kind: string; id: string; name: string | null }; typing: boolean; seq?: number };

describe('typing indicators: ephemeral realtime frames, never stored', () => {
  const echo = createEchoChannel();
  let host: TestHost;
  let ana: Caller;
  let bob: Caller;
  let conversationId: string;
  let contactId: string;
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: echo.definition }] });
    ana = await signInNewAgent(host, 'ana@example.com');
    bob = await signInNewAgent(host, 'bob@example.com');
    ({ conversationId, contactId } = await echo.channel().recordInbound({ thread: 'typing', from: { identity: { type: 'echo_user', value: 'typing' }, name: 'Tess' }, providerMessageId: 'ty-1', text: 'hi' }));
    await host.waitForEvent('core.message.received.v1');
  });
  afterAll(async () => host?.stop());

  const typingFrames = (client: Awaited<ReturnType<typeof connectRealtime>>) => client.frames.filter((f) => f.type === 'typing') as unknown as TypingFrame[];
  const streamSize = async () => {
    const nc = await connect({ servers: host.natsUrl });
    const info = await (await jetstreamManager(nc)).streams.info(EVENTS_STREAM);
    await nc.close();
    return info.state.messages;
  };

  it('shows an agent typing to the other agents, not to the typist, without a sequence number or a stored event', async () => {
    const anaLive = await connectRealtime(host.url, ana.token);
    const bobLive = await connectRealtime(host.url, bob.token);
    await Promise.all([anaLive, bobLive].map((c) => c.waitFor((frames) => frames.some((f) => f.type === 'ready'))));
    const eventsBefore = await streamSize();

    const res = await ana.request(`/api/v1/conversations/${conversationId}/typing`, { method: 'POST', body: JSON.stringify({ typing: true }) });
    expect(res.status).toBe(204);
    await bobLive.waitFor(() => typingFrames(bobLive).length === 1);
    expect(typingFrames(bobLive)[0]).toEqual({ type: 'typing', conversationId, actor: { kind: 'agent', id: ana.id, name: 'ana' }, typing: true });
    await ana.request(`/api/v1/conversations/${conversationId}/typing`, { method: 'POST', body: JSON.stringify({ typing: false }) });
    await bobLive.waitFor(() => typingFrames(bobLive).length === 2);
    expect(typingFrames(bobLive)[1]).toMatchObject({ typing: false });

    // Bob typing reaches Ana; by then Ana would have had her own frames if she got them.
    await bob.request(`/api/v1/conversations/${conversationId}/typing`, { method: 'POST', body: JSON.stringify({ typing: true }) });
    await anaLive.waitFor(() => typingFrames(anaLive).length === 1);
    expect(typingFrames(anaLive).map((f) => f.actor.id)).toEqual([bob.id]);

    expect(await streamSize()).toBe(eventsBefore);
    expect(host.events().some((e) => e.type.includes('typing'))).toBe(false);

    // A reconnect resumes events only: typing is never replayed.
    const cursor = bobLive.lastSeq();
    await bobLive.close();
    const again = await connectRealtime(host.url, bob.token, 0);
    await again.waitFor((frames) => frames.some((f) => f.type === 'ready'));
    expect(typingFrames(again)).toEqual([]);
    expect(again.lastSeq()).toBeGreaterThanOrEqual(cursor);
    await Promise.all([anaLive.close(), again.close()]);
  });

  it('lets a channel plugin show its customer typing through the SDK', async () => {
    const live = await connectRealtime(host.url, ana.token);
    await live.waitFor((frames) => frames.some((f) => f.type === 'ready'));
    echo.channel().publishTyping({ conversationId, contactId, name: 'Tess', typing: true });
    await live.waitFor(() => typingFrames(live).length === 1);
    expect(typingFrames(live)[0]).toEqual({ type: 'typing', conversationId, actor: { kind: 'contact', id: contactId, name: 'Tess' }, typing: true });
    await live.close();
  });

  it('ignores malformed signals and refuses bad requests', async () => {
    const live = await connectRealtime(host.url, ana.token);
    await live.waitFor((frames) => frames.some((f) => f.type === 'ready'));
    const nc = await connect({ servers: host.natsUrl });
    nc.publish(TYPING_SUBJECT, 'not json');
    nc.publish(TYPING_SUBJECT, JSON.stringify({ conversationId, typing: 'yes' }));
    await nc.flush();
    await nc.close();
    await bob.request(`/api/v1/conversations/${conversationId}/typing`, { method: 'POST', body: JSON.stringify({ typing: true }) });
    await live.waitFor(() => typingFrames(live).length >= 1);
    expect(typingFrames(live).map((f) => f.actor.id)).toEqual([bob.id]);
    await live.close();

    await expectProblem(await ana.request('/api/v1/conversations/01NOPE/typing', { method: 'POST', body: JSON.stringify({ typing: true }) }), 404, 'SWB_ERR_CONVERSATION_NOT_FOUND');
    await expectProblem(await ana.request(`/api/v1/conversations/${conversationId}/typing`, { method: 'POST', body: JSON.stringify({ typing: 'yes' }) }), 422, 'SWB_ERR_VALIDATION');
    expect(() => host.bus.signal('switchboard.events.core.fake.v1', {})).toThrow(/switchboard\.ephemeral/);
  });
});
