import { coreCommands, type CoreEventData } from '@switchboard/events';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WIDGETS, startWebchatHost } from './test-helpers/webchat-host';
import { call, json, problemOf, sendText, startSession, type Session } from './test-helpers/webchat-test-client';

let host: TestHost;
beforeAll(async () => {
  host = await startWebchatHost();
});
afterAll(async () => {
  await host?.stop();
});

type Attributes = Record<string, string | number | boolean | null>;
type Updated = CoreEventData<'core.contact.updated.v1'>;

async function attributesOf(conversationId: string): Promise<Record<string, unknown>> {
  const { contactId } = await json<{ contactId: string }>(await host.request(`/api/v1/conversations/${conversationId}`), 200);
  return (await json<{ attributes: Record<string, unknown> }>(await host.request(`/api/v1/contacts/${contactId}`), 200)).attributes;
}

const setAttributes = (token: string, attributes: unknown) => call(host.url, '/v1/attributes', { token, body: { attributes } });

async function sessionWith(attributes: Attributes, token?: string): Promise<Session> {
  const res = await call(host.url, '/v1/sessions', { token: token ?? null, body: { site_key: TEST_WIDGETS.main, attributes } });
  return json<Session>(res, token ? 200 : 201);
}

describe('contact attributes from the page', () => {
  it('keeps attributes sent before the first message and gives them to the contact with it, once', async () => {
    const session = await sessionWith({ plan: 'pro', seats: 3 });
    // Later calls merge into what waits: a newer value wins, null stays (it removes the attribute).
    expect(await json(await setAttributes(session.session_token, { seats: 12, trial: true, coupon: null }), 200)).toEqual({ applied: false });

    const first = await sendText(host.url, session.session_token, 'Can I add a seat?');
    const attributes = await attributesOf(first.conversation_id);
    expect(attributes).toMatchObject({ plan: 'pro', seats: 12, trial: true, 'webchat.widget': 'main' });
    expect(attributes).not.toHaveProperty('coupon');

    // An agent's CRM removes the plan; the visitor's next message must not bring it back.
    await host.bus.request('core.contact.set_attributes.v1', coreCommands['core.contact.set_attributes.v1'], {
      contactId: (await json<{ contactId: string }>(await host.request(`/api/v1/conversations/${first.conversation_id}`), 200)).contactId,
      attributes: { plan: null },
      actor: { kind: 'system', id: 'crm-sync' },
    });
    await sendText(host.url, session.session_token, 'Hello?');
    expect(await attributesOf(first.conversation_id)).not.toHaveProperty('plan');
  });

  it('sets them on the contact at once when the visitor has written before, through the core’s command', async () => {
    const session = await startSession(host.url, TEST_WIDGETS.main);
    const message = await sendText(host.url, session.session_token, 'Hi there');
    const { contactId } = await json<{ contactId: string }>(await host.request(`/api/v1/conversations/${message.conversation_id}`), 200);

    expect(await json(await setAttributes(session.session_token, { plan: 'pro', order: '1042' }), 200)).toEqual({ applied: true });
    expect(await attributesOf(message.conversation_id)).toMatchObject({ plan: 'pro', order: '1042' });
    const event = await host.waitForEvent<Updated>('core.contact.updated.v1', (e) => e.data.contactId === contactId);
    expect(event.data).toEqual({ contactId, attributes: { plan: 'pro', order: '1042' }, actor: { kind: 'plugin', id: 'channel-webchat' } });

    // A resume with attributes (the next page load) applies them too; the same values again record nothing.
    await sessionWith({ plan: 'enterprise', order: null }, session.session_token);
    expect(await attributesOf(message.conversation_id)).toMatchObject({ plan: 'enterprise' });
    expect(await attributesOf(message.conversation_id)).not.toHaveProperty('order');
    await sessionWith({ plan: 'enterprise' }, session.session_token);
    await host.waitForEvent<Updated>('core.contact.updated.v1', (e) => e.data.contactId === contactId && e.data.attributes.plan === 'enterprise');
    expect(host.events().filter((e) => e.type === 'core.contact.updated.v1' && (e.data as Updated).contactId === contactId)).toHaveLength(2);
  });

  it('refuses names and values outside the core’s limits, the web chat’s own names, and too many waiting, storing nothing', async () => {
    const session = await startSession(host.url, TEST_WIDGETS.main);
    const token = session.session_token;
    const refused = async (attributes: unknown) => (await problemOf(await setAttributes(token, attributes), 422, 'SWB_ERR_WEBCHAT_INVALID_BODY')).detail;

    expect(await refused({ 'webchat.name': 'Mallory' })).toContain('are the web chat');
    expect(await refused({ '1st': 'x' })).toContain('an attribute name is a letter');
    expect(await refused({ plan: { tier: 'pro' } })).toContain('attributes.plan');
    expect(await refused({ note: 'x'.repeat(1025) })).toContain('attributes.note');
    expect(await refused(['plan', 'pro'])).toContain('attributes');
    expect(await refused(Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`a${i}`, i])))).toContain('at most 40 attributes');
    await problemOf(await call(host.url, '/v1/sessions', { body: { site_key: TEST_WIDGETS.main, attributes: { 'webchat.widget': 'other' } } }), 422, 'SWB_ERR_WEBCHAT_INVALID_BODY');
    await problemOf(await call(host.url, '/v1/attributes', { body: { attributes: { plan: 'pro' } } }), 401, 'SWB_ERR_WEBCHAT_UNAUTHENTICATED');

    // 30 wait; 15 more would make 45 waiting at once.
    const thirty = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`first${i}`, i]));
    expect(await json(await setAttributes(token, thirty), 200)).toEqual({ applied: false });
    expect(await refused(Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`more${i}`, i])))).toContain('may wait');

    const message = await sendText(host.url, token, 'What did you keep?');
    const attributes = await attributesOf(message.conversation_id);
    expect(Object.keys(attributes).filter((name) => !name.startsWith('webchat.')).sort()).toEqual(Object.keys(thirty).sort());
  });
});
