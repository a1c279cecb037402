import { coreCommands, type CoreEventData } from '@switchboard/events';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';
import { expectProblem, getJson, postJson } from './inbox-helpers';

type Contact = { id: string; mergedInto: string | null; identities: Array<{ type: string; value: string }>; conversations: Array<{ id: string }> };

describe('merging two contacts that are one person', () => {
  const echo = createEchoChannel();
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: echo.definition }] });
  });
  afterAll(async () => host?.stop());

  const inbound = (identity: { type: string; value: string }, id: string, thread = `t-${identity.value}`) =>
    echo.channel().recordInbound({ thread, from: { identity }, providerMessageId: id, text: `message ${id}` });

  it('moves identities and conversations to the survivor, with one event; new messages find the survivor', async () => {
    const chat = await inbound({ type: 'web_visitor', value: 'v-1' }, 'm-1');
    const mail = await inbound({ type: 'email', value: 'kim@example.com' }, 'm-2');
    await postJson(host, `/api/v1/conversations/${mail.conversationId}/status`, { status: 'resolved' });
    const older = await inbound({ type: 'email', value: 'kim@example.com' }, 'm-3');
    expect(mail.contactId).not.toBe(chat.contactId);

    const result = await postJson<{ survivorId: string; mergedId: string; movedConversationIds: string[] }>(host, `/api/v1/contacts/${chat.contactId}/merge`, { otherContactId: mail.contactId });
    expect(result).toEqual({ survivorId: chat.contactId, mergedId: mail.contactId, movedConversationIds: [mail.conversationId, older.conversationId].sort() });

    const survivor = await getJson<Contact>(host, `/api/v1/contacts/${chat.contactId}`);
    expect(survivor.identities.map((i) => `${i.type}:${i.value}`).sort()).toEqual(['email:kim@example.com', 'web_visitor:v-1']);
    expect(survivor.conversations.map((c) => c.id).sort()).toEqual([chat.conversationId, mail.conversationId, older.conversationId].sort());
    const merged = await getJson<Contact>(host, `/api/v1/contacts/${mail.contactId}`);
    expect(merged).toMatchObject({ mergedInto: chat.contactId, identities: [], conversations: [] });
    const conv = await getJson<{ contactId: string }>(host, `/api/v1/conversations/${mail.conversationId}`);
    expect(conv.contactId).toBe(chat.contactId);

    const event = await host.waitForEvent<CoreEventData<'core.contact.merged.v1'>>('core.contact.merged.v1');
    expect(event.subject).toBe(chat.contactId);
    expect(event.data).toEqual({ ...result, actor: { kind: 'agent', id: expect.any(String) } });
    expect(host.events().filter((e) => e.type === 'core.contact.merged.v1')).toHaveLength(1);

    // The merged contact's email now reaches the survivor.
    const later = await inbound({ type: 'email', value: 'kim@example.com' }, 'm-4', 'new-thread');
    expect(later.contactId).toBe(chat.contactId);
    // The merged contact is out of contact search.
    const found = await getJson<{ items: Array<{ id: string }> }>(host, '/api/v1/contacts?q=kim@example');
    expect(found.items.map((c) => c.id)).toEqual([chat.contactId]);
  });

  it('refuses a self-merge (422), an already merged contact (409) and unknown contacts (404)', async () => {
    const a = await inbound({ type: 'phone', value: '+15550001' }, 'r-1');
    const b = await inbound({ type: 'phone', value: '+15550002' }, 'r-2');
    const c = await inbound({ type: 'phone', value: '+15550003' }, 'r-3');
    const merge = (survivor: string, other: string) => host.request(`/api/v1/contacts/${survivor}/merge`, { method: 'POST', body: JSON.stringify({ otherContactId: other }) });
    await expectProblem(await merge(a.contactId, a.contactId), 422, 'SWB_ERR_VALIDATION');
    await expectProblem(await merge(a.contactId, '01NOPE'), 404, 'SWB_ERR_CONTACT_NOT_FOUND');
    await expectProblem(await merge('01NOPE', a.contactId), 404, 'SWB_ERR_CONTACT_NOT_FOUND');
    await expectProblem(await host.request(`/api/v1/contacts/${a.contactId}/merge`, { method: 'POST', body: JSON.stringify({}) }), 422, 'SWB_ERR_VALIDATION');
    expect((await merge(a.contactId, b.contactId)).status).toBe(200);
    const again = await expectProblem(await merge(c.contactId, b.contactId), 409, 'SWB_ERR_CONFLICT');
    expect(again.detail).toContain(a.contactId);
    await expectProblem(await merge(b.contactId, c.contactId), 409, 'SWB_ERR_CONFLICT');
  });

  it('merges over the bus as well', async () => {
    const a = await inbound({ type: 'telegram_chat', value: '100' }, 'b-1');
    const b = await inbound({ type: 'telegram_chat', value: '200' }, 'b-2');
    const out = await host.bus.request('core.contact.merge.v1', coreCommands['core.contact.merge.v1'], { survivorId: a.contactId, mergedId: b.contactId, actor: { kind: 'plugin', id: 'dedupe-bot' } });
    expect(out.movedConversationIds).toEqual([b.conversationId]);
  });
});
