import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../src/testing/test-host';
import { createEchoChannel } from './echo-channel';
import { expectProblem, getJson, postJson } from './inbox-helpers';

type Page = { items: Array<{ id: string }>; nextCursor: string | null };

describe('conversation search (q): full text over messages, or the contact', () => {
  const echo = createEchoChannel();
  let host: TestHost;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    host = await startTestHost({ plugins: [{ definition: echo.definition }] });
    const inbound = async (key: string, identity: string, text: string, name: string | null = null) => {
      const r = await echo.channel().recordInbound({ thread: `t-${identity}`, from: { identity: { type: 'email', value: identity }, name }, providerMessageId: `${key}-${text.length}`, text });
      ids[key] = r.conversationId;
    };
    await inbound('parcel', 'dana@example.com', 'My parcel never arrived, tracking says delivered', 'Dana Scully');
    await inbound('refund', 'fox@example.org', 'I would like a refund for order #4711 please', 'Fox Mulder');
    await inbound('accents', 'zoe@example.net', 'Le colis est arrivé endommagé', 'Zoë Café');
    await inbound('syntax', 'walter@example.com', 'Is NEAR "quoted" OR -minus a problem? 50% off_sale', null);
    // An agent's reply is searchable too.
    await postJson(host, `/api/v1/conversations/${ids.parcel}/messages`, { clientMessageId: 'r-1', text: 'We opened an investigation with the courier' });
  });
  afterAll(async () => host?.stop());

  const search = async (q: string) => (await getJson<Page>(host, `/api/v1/conversations?q=${encodeURIComponent(q)}`)).items.map((i) => i.id);

  it('finds words in any message of a conversation, as prefixes, all words required', async () => {
    expect(await search('parcel')).toEqual([ids.parcel]);
    expect(await search('PARC')).toEqual([ids.parcel]);
    expect(await search('investig courier')).toEqual([ids.parcel]);
    expect(await search('parcel refund')).toEqual([]);
    expect(await search('4711')).toEqual([ids.refund]);
    expect(await search('nothing-like-this')).toEqual([]);
  });

  it('ignores accents and case', async () => {
    expect(await search('arrive endommage')).toEqual([ids.accents]);
    expect(await search('ENDOMMAGÉ')).toEqual([ids.accents]);
    expect((await search('ARRIVÉ')).sort()).toEqual([ids.accents, ids.parcel].sort());
  });

  it('finds the contact by part of the name or of an identity', async () => {
    expect(await search('Mulder')).toEqual([ids.refund]);
    expect(await search('ully')).toEqual([ids.parcel]);
    expect(await search('walter@example')).toEqual([ids.syntax]);
    expect(await search('example.org')).toEqual([ids.refund]);
  });

  it('treats query syntax and LIKE wildcards as plain text, never as an error', async () => {
    for (const q of ['NEAR', '"quoted"', 'OR', '-minus', '(', '"', '*', 'a AND', 'NOT x', 'col:umn', '^start', '50%', 'off_sale', '\\']) {
      const res = await host.request(`/api/v1/conversations?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    expect(await search('"quoted"')).toEqual([ids.syntax]);
    expect(await search('NEAR quoted')).toEqual([ids.syntax]);
    // % and _ match themselves, not "anything".
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it('combines with the other filters and refuses an empty query', async () => {
    await postJson(host, `/api/v1/conversations/${ids.refund}/status`, { status: 'resolved' });
    expect(await search('refund')).toEqual([ids.refund]);
    expect((await getJson<Page>(host, '/api/v1/conversations?q=refund&status=open')).items).toEqual([]);
    await expectProblem(await host.request('/api/v1/conversations?q=%20%20'), 422, 'SWB_ERR_VALIDATION');
  });
});
