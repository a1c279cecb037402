import { isSwitchboardError } from '@switchboard/plugin-sdk';
import { coreCommands, type CoreEventData } from '@switchboard/events';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';
import { getJson, postJson } from './inbox-helpers';

type Contact = { id: string; attributes: Record<string, unknown> };
type Updated = CoreEventData<'core.contact.updated.v1'>;

const contract = coreCommands['core.contact.set_attributes.v1'];
const actor = { kind: 'plugin', id: 'test-web' } as const;

describe('setting contact attributes without a message', () => {
  const web = createEchoChannel({ id: 'test-web' });
  let host: TestHost;
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: web.definition }] });
  });
  afterAll(async () => host?.stop());

  const setAttributes = (contactId: string, attributes: Record<string, string | number | boolean | null>) =>
    web.bus().request('core.contact.set_attributes.v1', contract, { contactId, attributes, actor });
  const updatesOf = (contactId: string) => host.events().filter((e) => e.type === 'core.contact.updated.v1' && (e.data as Updated).contactId === contactId);

  it('merges them over the contact’s attributes, null removing one, and records what changed once', async () => {
    const visitor = await web.channel().recordInbound({ thread: 'v-1', from: { identity: { type: 'web_visitor', value: 'v-1' }, attributes: { 'webchat.locale': 'en', trial: true } }, providerMessageId: 'm-1', text: 'Hello' });

    const first = await setAttributes(visitor.contactId, { plan: 'pro', seats: 12, trial: null, coupon: null });
    expect(first).toEqual({ contactId: visitor.contactId, attributes: { 'webchat.locale': 'en', plan: 'pro', seats: 12 }, changed: true });
    expect((await getJson<Contact>(host, `/api/v1/contacts/${visitor.contactId}`)).attributes).toEqual({ 'webchat.locale': 'en', plan: 'pro', seats: 12 });
    // `coupon` was not there: removing it changed nothing, so the event does not name it.
    const event = await host.waitForEvent<Updated>('core.contact.updated.v1', (e) => e.data.contactId === visitor.contactId);
    expect(event.subject).toBe(visitor.contactId);
    expect(event.data).toEqual({ contactId: visitor.contactId, attributes: { plan: 'pro', seats: 12, trial: null }, actor });

    // The same values again (a page reporting them on every load): nothing written, no event.
    const again = await setAttributes(visitor.contactId, { plan: 'pro', trial: null });
    expect(again.changed).toBe(false);
    const later = await setAttributes(visitor.contactId, { plan: 'enterprise' });
    expect(later.changed).toBe(true);
    await host.waitForEvent<Updated>('core.contact.updated.v1', (e) => e.data.contactId === visitor.contactId && e.data.attributes.plan === 'enterprise');
    expect(updatesOf(visitor.contactId).map((e) => (e.data as Updated).attributes)).toEqual([{ plan: 'pro', seats: 12, trial: null }, { plan: 'enterprise' }]);
  });

  it('reaches the surviving contact when given the id of a merged one', async () => {
    const chat = await web.channel().recordInbound({ thread: 'v-2', from: { identity: { type: 'web_visitor', value: 'v-2' } }, providerMessageId: 'm-2', text: 'Hi' });
    const mail = await web.channel().recordInbound({ thread: 'mail-2', from: { identity: { type: 'email', value: 'rae@example.com' } }, providerMessageId: 'm-3', text: 'Hi again' });
    await postJson(host, `/api/v1/contacts/${chat.contactId}/merge`, { otherContactId: mail.contactId });

    const result = await setAttributes(mail.contactId, { plan: 'basic' });
    expect(result).toMatchObject({ contactId: chat.contactId, changed: true });
    expect((await getJson<Contact>(host, `/api/v1/contacts/${chat.contactId}`)).attributes).toEqual({ plan: 'basic' });
    await host.waitForEvent<Updated>('core.contact.updated.v1', (e) => e.data.contactId === chat.contactId);
  });

  it('refuses an unknown contact, an empty set and attribute names or values outside the limits, storing nothing', async () => {
    const visitor = await web.channel().recordInbound({ thread: 'v-3', from: { identity: { type: 'web_visitor', value: 'v-3' } }, providerMessageId: 'm-4', text: 'Hey' });
    const refusal = (promise: Promise<unknown>) => promise.then(() => null, (err: unknown) => (isSwitchboardError(err) ? { code: err.code, status: err.status, message: err.message } : err));

    expect(await refusal(setAttributes('01JZZZZZZZZZZZZZZZZZZZZZZZ', { plan: 'pro' }))).toMatchObject({ code: 'SWB_ERR_CONTACT_NOT_FOUND', status: 404 });
    expect(await refusal(setAttributes(visitor.contactId, {}))).toMatchObject({ status: 422, message: expect.stringContaining('name at least one attribute') });
    expect(await refusal(setAttributes(visitor.contactId, { '1st plan': 'pro' }))).toMatchObject({ status: 422, message: expect.stringContaining('an attribute name is a letter') });
    expect(await refusal(setAttributes(visitor.contactId, { plan: 'x'.repeat(1025) }))).toMatchObject({ status: 422 });
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`a${i}`, i]));
    expect(await refusal(setAttributes(visitor.contactId, tooMany))).toMatchObject({ status: 422, message: expect.stringContaining('at most 50 attributes') });

    expect((await getJson<Contact>(host, `/api/v1/contacts/${visitor.contactId}`)).attributes).toEqual({});
    expect(updatesOf(visitor.contactId)).toEqual([]);
  });
});
