import { isSwitchboardError } from '@switchboard/plugin-sdk';
import { coreCommands, type CoreEventData } from '@switchboard/events';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';
import { expectProblem, getJson, postJson } from './inbox-helpers';

type Contact = {
  id: string;
  name: string | null;
  mergedInto: string | null;
  attributes: Record<string, unknown>;
  identities: Array<{ type: string; value: string; evidence: string }>;
  details: Array<{ type: string; value: string; source: string }>;
  conversations: Array<{ id: string }>;
};
type Suggestions = { items: Array<{ contact: { id: string }; reasons: Array<{ type: string; value: string; source: string; detailOf: string }> }> };

const identitiesOf = (c: Contact) => c.identities.map((i) => `${i.type}:${i.value}`).sort();

describe('one contact across channels', () => {
  const sms = createEchoChannel({ id: 'test-sms' });
  const whatsapp = createEchoChannel({ id: 'test-whatsapp' });
  const web = createEchoChannel({ id: 'test-web' });
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: sms.definition }, { definition: whatsapp.definition }, { definition: web.definition }] });
  });
  afterAll(async () => host?.stop());

  const contact = (id: string) => getJson<Contact>(host, `/api/v1/contacts/${id}`);

  it('the same person on SMS and WhatsApp ends as one contact with two identities, both conversations visible from either', async () => {
    const bySms = await sms.channel().recordInbound({ thread: '+15550100', from: { identity: { type: 'phone', value: '+15550100' }, name: 'Kim' }, providerMessageId: 'sms-1', text: 'Is my order shipped?' });
    // wa_id without "+", as WhatsApp sends it: the core stores E.164.
    const byWhatsApp = await whatsapp.channel().recordInbound({
      thread: '+15550100',
      from: { identity: { type: 'whatsapp', value: '15550100' }, verified: [{ type: 'phone', value: '+15550100' }] },
      providerMessageId: 'wa-1',
      text: 'Writing here instead',
    });
    expect(byWhatsApp.contactId).toBe(bySms.contactId);
    expect(byWhatsApp.conversationId).not.toBe(bySms.conversationId);

    const kim = await contact(bySms.contactId);
    expect(identitiesOf(kim)).toEqual(['phone:+15550100', 'whatsapp:+15550100']);
    expect(kim.identities.find((i) => i.type === 'whatsapp')?.evidence).toBe('test-whatsapp');
    expect(kim.name).toBe('Kim');
    for (const conversationId of [bySms.conversationId, byWhatsApp.conversationId]) {
      const detail = await getJson<{ contactId: string; contact: Contact }>(host, `/api/v1/conversations/${conversationId}`);
      expect(detail.contactId).toBe(bySms.contactId);
      expect(detail.contact.conversations.map((c) => c.id).sort()).toEqual([bySms.conversationId, byWhatsApp.conversationId].sort());
    }
    const listed = await getJson<{ items: Array<{ id: string }> }>(host, `/api/v1/conversations?contactId=${bySms.contactId}`);
    expect(listed.items.map((c) => c.id).sort()).toEqual([bySms.conversationId, byWhatsApp.conversationId].sort());

    const merged = await host.waitForEvent<CoreEventData<'core.contact.merged.v1'>>('core.contact.merged.v1', (e) => e.data.survivorId === bySms.contactId);
    expect(merged.data).toMatchObject({ movedConversationIds: [byWhatsApp.conversationId], actor: { kind: 'plugin', id: 'test-whatsapp' } });
    // The WhatsApp-only contact the message first created now points at Kim.
    expect((await contact(merged.data.mergedId)).mergedInto).toBe(bySms.contactId);

    // The next WhatsApp message goes straight to Kim: nothing merged again.
    const again = await whatsapp.channel().recordInbound({ thread: '+15550100', from: { identity: { type: 'whatsapp', value: '+15550100' }, verified: [{ type: 'phone', value: '+15550100' }] }, providerMessageId: 'wa-2', text: 'hello?' });
    expect(again).toMatchObject({ contactId: bySms.contactId, conversationId: byWhatsApp.conversationId });
    await host.waitForEvent('core.message.received.v1', (e) => (e.data as CoreEventData<'core.message.received.v1'>).message.id === again.messageId);
    expect(host.events().filter((e) => e.type === 'core.contact.merged.v1' && (e.data as { survivorId: string }).survivorId === bySms.contactId)).toHaveLength(1);
  });

  it('links a verified identity no one has yet, with the channel as evidence; an SMS from that number then finds the contact', async () => {
    const first = await whatsapp.channel().recordInbound({ thread: '+15550111', from: { identity: { type: 'whatsapp', value: '15550111' }, verified: [{ type: 'phone', value: '15550111' }] }, providerMessageId: 'wa-11', text: 'hi' });
    const linked = await host.waitForEvent<CoreEventData<'core.contact.identity_linked.v1'>>('core.contact.identity_linked.v1', (e) => e.data.contactId === first.contactId);
    expect(linked.data).toEqual({ contactId: first.contactId, identity: { type: 'phone', value: '+15550111' }, evidence: 'test-whatsapp' });
    const bySms = await sms.channel().recordInbound({ thread: '+15550111', from: { identity: { type: 'phone', value: '+1 555-0111' } }, providerMessageId: 'sms-11', text: 'and by SMS' });
    expect(bySms.contactId).toBe(first.contactId);
    expect(identitiesOf(await contact(first.contactId))).toEqual(['phone:+15550111', 'whatsapp:+15550111']);
  });

  it('normalises phone numbers and emails wherever they come in, and finds them however they are typed', async () => {
    const a = await sms.channel().recordInbound({ thread: 'n-1', from: { identity: { type: 'phone', value: '+1 (555) 010-0199' } }, providerMessageId: 'n-1', text: 'one' });
    const b = await sms.channel().recordInbound({ thread: 'n-2', from: { identity: { type: 'phone', value: '0015550100199' } }, providerMessageId: 'n-2', text: 'two' });
    expect(b.contactId).toBe(a.contactId);
    const leg = (await getJson<{ legs: Array<{ identity: { type: string; value: string } }> }>(host, `/api/v1/conversations/${a.conversationId}`)).legs[0];
    expect(leg?.identity).toEqual({ type: 'phone', value: '+15550100199' });
    const found = await getJson<{ items: Array<{ id: string }> }>(host, `/api/v1/contacts?q=${encodeURIComponent('555 010-0199')}`);
    expect(found.items.map((c) => c.id)).toContain(a.contactId);
    const inList = await getJson<{ items: Array<{ id: string }> }>(host, `/api/v1/conversations?q=${encodeURIComponent('(555) 0100199')}`);
    expect(inList.items.map((c) => c.id)).toContain(a.conversationId);

    const mail = await web.channel().recordInbound({ thread: 'mail-1', from: { identity: { type: 'email', value: ' Ruth@Example.COM ' } }, providerMessageId: 'mail-1', text: 'hi' });
    const mail2 = await web.channel().recordInbound({ thread: 'mail-2', from: { identity: { type: 'email', value: 'ruth@example.com' } }, providerMessageId: 'mail-2', text: 'hi' });
    expect(mail2.contactId).toBe(mail.contactId);
    expect(identitiesOf(await contact(mail.contactId))).toEqual(['email:ruth@example.com']);
  });

  it('refuses an identity that is no phone number or email, storing nothing of the message', async () => {
    const attempt = whatsapp.channel().recordInbound({ thread: 'bad', from: { identity: { type: 'whatsapp_user', value: 'US.bsuid.1' }, verified: [{ type: 'phone', value: 'call me maybe' }] }, providerMessageId: 'bad-1', text: 'x' });
    const error = await attempt.catch((err: unknown) => err);
    expect(isSwitchboardError(error) && error.code).toBe('SWB_ERR_IDENTITY_INVALID');
    const found = await getJson<{ items: unknown[] }>(host, '/api/v1/contacts?q=US.bsuid.1');
    expect(found.items).toEqual([]);
  });

  it('keeps hints as unverified details, never links them, and suggests a merge with the contact that has one as identity', async () => {
    const byMail = await web.channel().recordInbound({ thread: 'lee-mail', from: { identity: { type: 'email', value: 'lee@example.com' } }, providerMessageId: 'lee-1', text: 'by mail' });
    const visitor = await web.channel().recordInbound({
      thread: 'visitor-7',
      from: { identity: { type: 'web_visitor', value: 'v-7' }, name: 'Lee', hints: [{ type: 'email', value: 'LEE@example.com' }, { type: 'phone', value: '+15550177' }] },
      providerMessageId: 'lee-2',
      text: 'from the website',
    });
    expect(visitor.contactId).not.toBe(byMail.contactId);
    const lee = await contact(visitor.contactId);
    expect(identitiesOf(lee)).toEqual(['web_visitor:v-7']);
    expect(lee.details.map((d) => `${d.type}:${d.value}:${d.source}`).sort()).toEqual(['email:lee@example.com:test-web', 'phone:+15550177:test-web']);

    const fromVisitor = await getJson<Suggestions>(host, `/api/v1/contacts/${visitor.contactId}/suggestions`);
    expect(fromVisitor.items).toEqual([{ contact: expect.objectContaining({ id: byMail.contactId }), reasons: [{ type: 'email', value: 'lee@example.com', source: 'test-web', detailOf: 'this' }] }]);
    const fromMail = await getJson<Suggestions>(host, `/api/v1/contacts/${byMail.contactId}/suggestions`);
    expect(fromMail.items.map((s) => [s.contact.id, s.reasons[0]?.detailOf])).toEqual([[visitor.contactId, 'other']]);

    // Channels read the same details as hints (core.contact.get.v1).
    const got = await host.bus.request('core.contact.get.v1', coreCommands['core.contact.get.v1'], { conversationId: visitor.conversationId });
    expect(got.contact.hints).toEqual(expect.arrayContaining([{ type: 'email', value: 'lee@example.com' }, { type: 'phone', value: '+15550177' }]));

    // A phone hint matches a WhatsApp identity of the same number.
    const wa = await whatsapp.channel().recordInbound({ thread: '+15550177', from: { identity: { type: 'whatsapp', value: '15550177' } }, providerMessageId: 'lee-3', text: 'wa' });
    const both = await getJson<Suggestions>(host, `/api/v1/contacts/${visitor.contactId}/suggestions`);
    expect(both.items.map((s) => s.contact.id)).toEqual([byMail.contactId, wa.contactId]);

    // Accepting is the merge: the email becomes the survivor's identity, and its hint goes.
    await postJson(host, `/api/v1/contacts/${visitor.contactId}/merge`, { otherContactId: byMail.contactId });
    const merged = await contact(visitor.contactId);
    expect(identitiesOf(merged)).toEqual(['email:lee@example.com', 'web_visitor:v-7']);
    expect(merged.details.map((d) => d.type)).toEqual(['phone']);
    expect((await getJson<Suggestions>(host, `/api/v1/contacts/${visitor.contactId}/suggestions`)).items.map((s) => s.contact.id)).toEqual([wa.contactId]);
  });

  it('dismisses a suggestion for good, from either side; refuses pairs nothing suggests', async () => {
    const owner = await sms.channel().recordInbound({ thread: '+15550188', from: { identity: { type: 'phone', value: '+15550188' } }, providerMessageId: 'd-1', text: 'sms' });
    const visitor = await web.channel().recordInbound({ thread: 'v-8', from: { identity: { type: 'web_visitor', value: 'v-8' }, hints: [{ type: 'phone', value: '+15550188' }] }, providerMessageId: 'd-2', text: 'web' });
    const stranger = await web.channel().recordInbound({ thread: 'v-9', from: { identity: { type: 'web_visitor', value: 'v-9' } }, providerMessageId: 'd-3', text: 'web' });
    const dismiss = (id: string, other: string) => host.request(`/api/v1/contacts/${id}/suggestions/${other}/dismiss`, { method: 'POST', body: '{}' });

    await expectProblem(await dismiss(visitor.contactId, stranger.contactId), 404, 'SWB_ERR_SUGGESTION_NOT_FOUND');
    await expectProblem(await dismiss(visitor.contactId, '01NOPE'), 404, 'SWB_ERR_CONTACT_NOT_FOUND');
    await expectProblem(await host.request('/api/v1/contacts/01NOPE/suggestions'), 404, 'SWB_ERR_CONTACT_NOT_FOUND');
    const ok = await dismiss(owner.contactId, visitor.contactId);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ contactId: owner.contactId, otherContactId: visitor.contactId, dismissed: true });
    expect((await dismiss(visitor.contactId, owner.contactId)).status).toBe(200);
    expect((await getJson<Suggestions>(host, `/api/v1/contacts/${visitor.contactId}/suggestions`)).items).toEqual([]);
    expect((await getJson<Suggestions>(host, `/api/v1/contacts/${owner.contactId}/suggestions`)).items).toEqual([]);
    // A later hint of the same kind does not bring it back.
    await web.channel().recordInbound({ thread: 'v-8', from: { identity: { type: 'web_visitor', value: 'v-8' }, hints: [{ type: 'phone', value: '+1 555 0188' }] }, providerMessageId: 'd-4', text: 'again' });
    expect((await getJson<Suggestions>(host, `/api/v1/contacts/${visitor.contactId}/suggestions`)).items).toEqual([]);
  });

  it('merges attributes a channel reports into the contact’s, null removing one', async () => {
    const from = (attributes: Record<string, string | number | boolean | null>) => ({ identity: { type: 'web_visitor', value: 'v-attr' }, attributes });
    const first = await web.channel().recordInbound({ thread: 'attr', from: from({ plan: 'pro', seats: 3 }), providerMessageId: 'a-1', text: 'one' });
    await web.channel().recordInbound({ thread: 'attr', from: from({ seats: null, vip: true }), providerMessageId: 'a-2', text: 'two' });
    expect((await contact(first.contactId)).attributes).toEqual({ plan: 'pro', vip: true });
  });

  it('documents the suggestion routes in OpenAPI', async () => {
    const doc = (await (await fetch(`${host.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/api/v1/contacts/{id}/suggestions']?.get).toBeDefined();
    expect(doc.paths['/api/v1/contacts/{id}/suggestions/{otherId}/dismiss']?.post).toBeDefined();
  });
});
