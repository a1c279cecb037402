import { coreCommands, type CoreEventData, type Leg, type Message } from '@switchboard/events';
import { isSwitchboardError } from '@switchboard/plugin-sdk';
import { definePlugin } from '@switchboard/plugin-sdk';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';
import { expectProblem, getJson, postJson } from './inbox-helpers';

type ReplyOption = { kind: 'leg' | 'new'; legId: string | null; channel: string; account: string; accountLabel: string | null; thread: string; identity: { type: string; value: string } | null; lastInboundAt: string | null; replyWindowClosesAt: string | null };
type Detail = { legs: Array<Leg & { lastInboundAt: string | null; replyWindowClosesAt: string | null }> };

const HOUR = 3_600_000;

describe('legs on another channel', () => {
  const sms = createEchoChannel({ id: 'test-sms', accounts: [{ id: 'main', label: 'Support line', identityType: 'phone', replyWindowHours: null }] });
  // The account's window (24 h) wins over the definition's static one (72 h).
  const whatsapp = createEchoChannel({ id: 'test-whatsapp', replyWindowHours: 72, accounts: [{ id: 'wa-main', label: 'WhatsApp Support', identityType: 'whatsapp', replyWindowHours: 24 }] });
  // Describes only the SDK's default account (no identity type, no window): the static window applies.
  const legacy = createEchoChannel({ id: 'test-legacy', replyWindowHours: 48 });
  // A channel that never answers describe: it offers nothing, and nothing fails because of it.
  const silent = definePlugin({ id: 'test-silent', version: '1.0.0', core: '^0.1.0', kind: 'channel', config: v.object({}), setup: () => undefined });
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: sms.definition }, { definition: whatsapp.definition }, { definition: legacy.definition }, { definition: silent }] });
  });
  afterAll(async () => host?.stop());

  const optionsOf = async (conversationId: string) => (await getJson<{ items: ReplyOption[] }>(host, `/api/v1/conversations/${conversationId}/reply-options`)).items;
  const openLeg = (conversationId: string, body: unknown) => host.request(`/api/v1/conversations/${conversationId}/legs`, { method: 'POST', body: JSON.stringify(body) });

  it('offers a new leg on each channel account the contact has an identity for, opens it once, and replies go there', async () => {
    const wa = await whatsapp.channel().recordInbound({ account: 'wa-main', thread: '+15550142', from: { identity: { type: 'whatsapp', value: '+15550142' }, verified: [{ type: 'phone', value: '+15550142' }] }, providerMessageId: 'wa-42', text: 'Can you text me instead?' });

    const before = await optionsOf(wa.conversationId);
    expect(before.map((o) => [o.kind, o.channel, o.account, o.thread, o.accountLabel])).toEqual([
      ['leg', 'test-whatsapp', 'wa-main', '+15550142', 'WhatsApp Support'],
      ['new', 'test-sms', 'main', '+15550142', 'Support line'],
    ]);
    const [waLeg, smsOption] = before;
    expect(waLeg!.replyWindowClosesAt).toBe(new Date(Date.parse(waLeg!.lastInboundAt!) + 24 * HOUR).toISOString());
    expect(smsOption).toMatchObject({ legId: null, identity: { type: 'phone', value: '+15550142' }, replyWindowClosesAt: null });

    const opened = await openLeg(wa.conversationId, { channel: 'test-sms', account: 'main' });
    expect(opened.status).toBe(201);
    const { leg } = (await opened.json()) as { leg: Leg };
    expect(leg).toMatchObject({ channel: 'test-sms', account: 'main', thread: '+15550142', identity: { type: 'phone', value: '+15550142' } });
    const event = await host.waitForEvent<CoreEventData<'core.conversation.leg_added.v1'>>('core.conversation.leg_added.v1', (e) => e.data.leg.id === leg.id);
    expect(event.data.conversationId).toBe(wa.conversationId);

    const again = await openLeg(wa.conversationId, { channel: 'test-sms', account: 'main', identity: { type: 'phone', value: '+15550142' } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { leg: Leg; created: boolean })).toEqual({ leg, created: false });
    expect(host.events().filter((e) => e.type === 'core.conversation.leg_added.v1' && (e.data as { leg: Leg }).leg.id === leg.id)).toHaveLength(1);
    expect((await optionsOf(wa.conversationId)).map((o) => [o.kind, o.channel, o.legId])).toEqual([
      ['leg', 'test-whatsapp', waLeg!.legId],
      ['leg', 'test-sms', leg.id],
    ]);

    const sent = await postJson<{ message: Message }>(host, `/api/v1/conversations/${wa.conversationId}/messages`, { clientMessageId: 'via-sms', text: 'Texting you now', legId: leg.id });
    expect(sent.message).toMatchObject({ legId: leg.id, channel: 'test-sms' });
    await host.waitForEvent<CoreEventData<'core.message.delivery_updated.v1'>>('core.message.delivery_updated.v1', (e) => e.data.messageId === sent.message.id && e.data.state === 'sent');
    expect(sms.delivered.find((d) => d.message.id === sent.message.id)?.leg).toMatchObject({ id: leg.id, thread: '+15550142' });
    expect(whatsapp.delivered.some((d) => d.message.id === sent.message.id)).toBe(false);

    // The customer's SMS answer comes back into this conversation, over the new leg.
    const answer = await sms.channel().recordInbound({ account: 'main', thread: '+15550142', from: { identity: { type: 'phone', value: '+15550142' } }, providerMessageId: 'sms-42', text: 'Got it' });
    expect(answer.conversationId).toBe(wa.conversationId);
  });

  it('takes reply windows from the account as described, else from the plugin definition', async () => {
    const legacyConv = await legacy.channel().recordInbound({ thread: 'legacy-1', from: { identity: { type: 'legacy_user', value: 'l-1' } }, providerMessageId: 'l-1', text: 'hi' });
    const detail = await getJson<Detail>(host, `/api/v1/conversations/${legacyConv.conversationId}`);
    const [leg] = detail.legs;
    expect(leg!.replyWindowClosesAt).toBe(new Date(Date.parse(leg!.lastInboundAt!) + 48 * HOUR).toISOString());
    const waConv = await whatsapp.channel().recordInbound({ account: 'wa-main', thread: '+15550143', from: { identity: { type: 'whatsapp', value: '+15550143' } }, providerMessageId: 'wa-43', text: 'hi' });
    const [waLeg] = (await getJson<Detail>(host, `/api/v1/conversations/${waConv.conversationId}`)).legs;
    expect(waLeg!.replyWindowClosesAt).toBe(new Date(Date.parse(waLeg!.lastInboundAt!) + 24 * HOUR).toISOString());
  });

  it('refuses legs nobody can open, with problems and stable codes', async () => {
    const visitor = await legacy.channel().recordInbound({ thread: 'legacy-2', from: { identity: { type: 'legacy_user', value: 'l-2' } }, providerMessageId: 'l-2', text: 'no phone here' });
    expect((await optionsOf(visitor.conversationId)).map((o) => o.kind)).toEqual(['leg']);
    await expectProblem(await openLeg(visitor.conversationId, { channel: 'test-sms', account: 'main' }), 422, 'SWB_ERR_LEG_UNAVAILABLE');
    await expectProblem(await openLeg(visitor.conversationId, { channel: 'test-sms', account: 'other' }), 422, 'SWB_ERR_LEG_UNAVAILABLE');
    await expectProblem(await openLeg(visitor.conversationId, { channel: 'test-silent', account: 'default' }), 422, 'SWB_ERR_LEG_UNAVAILABLE');
    await expectProblem(await openLeg(visitor.conversationId, { channel: 'test-legacy', account: 'default' }), 422, 'SWB_ERR_LEG_UNAVAILABLE');
    await expectProblem(await openLeg(visitor.conversationId, { channel: 'not-enabled', account: 'main' }), 422, 'SWB_ERR_LEG_UNAVAILABLE');
    const bad = await expectProblem(await openLeg(visitor.conversationId, { channel: 'Test SMS', account: 'main' }), 422, 'SWB_ERR_VALIDATION');
    expect(bad.errors?.[0]?.path).toBe('body.channel');
    await expectProblem(await openLeg('01NOPE', { channel: 'test-sms', account: 'main' }), 404, 'SWB_ERR_CONVERSATION_NOT_FOUND');
    await expectProblem(await host.request('/api/v1/conversations/01NOPE/reply-options'), 404, 'SWB_ERR_CONVERSATION_NOT_FOUND');
    // Someone else's number is not this contact's to write to.
    const wa = await whatsapp.channel().recordInbound({ account: 'wa-main', thread: '+15550144', from: { identity: { type: 'whatsapp', value: '+15550144' }, verified: [{ type: 'phone', value: '+15550144' }] }, providerMessageId: 'wa-44', text: 'hi' });
    await expectProblem(await openLeg(wa.conversationId, { channel: 'test-sms', account: 'main', identity: { type: 'phone', value: '+15550142' } }), 422, 'SWB_ERR_LEG_UNAVAILABLE');
  });

  it('lets a channel open a leg on a thread of its own over the bus, once, and nobody else', async () => {
    const conv = await legacy.channel().recordInbound({ thread: 'legacy-3', from: { identity: { type: 'legacy_user', value: 'l-3' } }, providerMessageId: 'l-3', text: 'write me at kim@example.com' });
    const input = { conversationId: conv.conversationId, channel: 'test-sms', account: 'main', thread: '+15550199', identity: null };
    const contract = coreCommands['core.conversation.add_leg.v1'];
    const first = await sms.bus().request('core.conversation.add_leg.v1', contract, input);
    const again = await sms.bus().request('core.conversation.add_leg.v1', contract, input);
    expect(first).toMatchObject({ created: true, leg: { channel: 'test-sms', thread: '+15550199', identity: null } });
    expect(again).toEqual({ leg: first.leg, created: false });
    await host.waitForEvent<CoreEventData<'core.conversation.leg_added.v1'>>('core.conversation.leg_added.v1', (e) => e.data.leg.id === first.leg.id);
    const refused = await host.bus.request('core.conversation.add_leg.v1', contract, { ...input, thread: '+15550198' }).catch((err: unknown) => err);
    expect(isSwitchboardError(refused) && refused.code).toBe('SWB_ERR_FORBIDDEN');
    expect((await optionsOf(conv.conversationId)).map((o) => o.thread)).toEqual(['legacy-3', '+15550199']);
  });

  it('joins a new thread to the contact’s active conversation by default, and opens its own conversation when the channel says it is a new case', async () => {
    const from = { identity: { type: 'phone', value: '+15550177' } };
    const first = await sms.channel().recordInbound({ account: 'main', thread: 'case-a', from, providerMessageId: 'nt-1', text: 'First question' });
    const joined = await sms.channel().recordInbound({ account: 'main', thread: 'case-b', from, providerMessageId: 'nt-2', text: 'Also this' });
    expect(joined.conversationId).toBe(first.conversationId);
    const own = await sms.channel().recordInbound({ account: 'main', thread: 'case-c', newThread: 'new', from, providerMessageId: 'nt-3', text: 'A separate matter' });
    expect(own.conversationId).not.toBe(first.conversationId);
    expect(own.contactId).toBe(first.contactId);
    // Later messages on that thread stay in its own conversation.
    const next = await sms.channel().recordInbound({ account: 'main', thread: 'case-c', newThread: 'new', from, providerMessageId: 'nt-4', text: 'More on it' });
    expect(next.conversationId).toBe(own.conversationId);
  });

  it('documents the leg routes in OpenAPI', async () => {
    const doc = (await (await fetch(`${host.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/api/v1/conversations/{id}/reply-options']?.get).toBeDefined();
    expect(doc.paths['/api/v1/conversations/{id}/legs']?.post).toBeDefined();
  });
});
