import type { CoreEventData } from '@switchboard/events';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureJson, fixtureText } from './test-helpers/fixtures';
import { startGraphStandIn, type GraphStandIn } from './test-helpers/graph-stand-in';
import { SECOND_NUMBER, TEST_SECRETS, startWhatsAppHost, type WhatsAppTestHost } from './test-helpers/host';
import { withMessage } from './test-helpers/payloads';
import { parseWhatsAppWebhook } from './whatsapp-cloud-parse';
import { WEBHOOK_RECEIVED_EVENT } from './whatsapp-cloud-webhook';

const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffd9', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let graph: GraphStandIn;
let host: WhatsAppTestHost;

beforeAll(async () => {
  graph = await startGraphStandIn(TEST_SECRETS.accessToken);
  graph.addMedia('1234567890123456', JPEG, 'image/jpeg');
  graph.addMedia('2345678901234567', PDF, 'application/pdf');
  host = await startWhatsAppHost(graph);
});
afterAll(async () => {
  await host?.stop();
  await graph?.close();
});

const webhookEvents = () => host.events().filter((e) => e.type === WEBHOOK_RECEIVED_EVENT);

describe('webhook verification', () => {
  it('answers Meta’s handshake with the challenge, and refuses a wrong verify token', async () => {
    const expected = fixtureJson<{ body: string; status: number }>('verify-expected-response.json');
    const query = fixtureText('verify-request.txt').split(' ')[1]!.split('?')[1]!;
    const ok = await fetch(`${host.url}/plugins/channel-whatsapp-cloud/webhook?${query}`);
    expect(ok.status).toBe(expected.status);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe(expected.body);

    const wrong = await fetch(`${host.url}/plugins/channel-whatsapp-cloud/webhook?${query.replace('s3cr3t-verify-token', 'guess')}`);
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('content-type')).toBe('application/problem+json');
    expect(await wrong.json()).toMatchObject({ code: 'SWB_ERR_WHATSAPP_CLOUD_VERIFY_TOKEN_MISMATCH' });
  });

  it('accepts the exact bytes Meta signed, escaped unicode included, and stores them raw', async () => {
    const examples = fixtureJson<{ examples: Array<{ raw_body_file?: string; expected?: string }> }>('signature-examples.json').examples.filter((e) => e.raw_body_file);
    for (const example of examples) {
      const raw = fixtureText(example.raw_body_file!);
      const res = await host.postWebhook(raw, { signature: example.expected! });
      expect(res.status).toBe(200);
      // The 200 means JetStream has it; the test's own subscription may see it a moment later.
      await host.waitForEvent<{ body: string }>(WEBHOOK_RECEIVED_EVENT, (e) => e.data.body === raw);
    }
    const jose = await host.received('wamid.HBgLMTIwMjU1NTAxNDQVAgASGBQzQUMwMTIzNDU2Nzg5QUJDREVGMAA=');
    expect(jose).toMatchObject({ text: '¿Dónde está mi pedido?', direction: 'inbound', channel: 'channel-whatsapp-cloud', sender: { name: 'José Ejemplo' } });
  });

  it('refuses a tampered body, a wrong secret and a missing signature, and stores nothing', async () => {
    const raw = fixtureText('inbound-text.raw');
    const { expected } = fixtureJson<{ examples: Array<{ expected: string }> }>('signature-examples.json').examples[0]!;
    const tamperedId = 'wamid.TAMPERED';
    const wrongId = 'wamid.WRONG-SECRET';
    const before = webhookEvents().length;

    const tampered = await host.postWebhook(raw.replace('wamid.HBgLMTIwMjU1NTAxNDMVAgASGBQzQTdGMDlCQzFEMjM0NTY3ODlBQgA=', tamperedId), { signature: expected });
    expect(tampered.status).toBe(403);
    expect(await tampered.json()).toMatchObject({ status: 403, code: 'SWB_ERR_WHATSAPP_CLOUD_SIGNATURE_INVALID' });
    const wrongSecret = await host.postWebhook(raw.replace('wamid.HBgLMTIwMjU1NTAxNDMVAgASGBQzQTdGMDlCQzFEMjM0NTY3ODlBQgA=', wrongId), { secret: 'not-the-app-secret' });
    expect(wrongSecret.status).toBe(403);
    const unsigned = await host.postWebhook(raw, { signature: null });
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('content-type')).toBe('application/problem+json');

    expect(webhookEvents()).toHaveLength(before);
    await host.drain();
    const stored = host.events().filter((e) => e.type === 'core.message.received.v1').map((e) => (e.data as CoreEventData<'core.message.received.v1'>).message.providerMessageId);
    expect(stored).not.toContain(tamperedId);
    expect(stored).not.toContain(wrongId);
  });
});

describe('inbound messages', () => {
  it('records a text once, however often Meta delivers it, as the verified +E.164 contact', async () => {
    const raw = fixtureText('inbound-text.raw');
    for (let i = 0; i < 3; i++) expect((await host.postWebhook(raw)).status).toBe(200);
    await host.drain();
    const message = await host.received('wamid.HBgLMTIwMjU1NTAxNDMVAgASGBQzQTdGMDlCQzFEMjM0NTY3ODlBQgA=');
    const items = await host.messagesOf(message.conversationId);
    expect(items.filter((m) => m.providerMessageId === message.providerMessageId)).toHaveLength(1);
    expect(message).toMatchObject({ text: 'Hi! Where is my order #1042?', sender: { kind: 'contact', name: 'Dana Example' } });

    const conversation = (await (await host.request(`/api/v1/conversations/${message.conversationId}`)).json()) as { contactId?: string; contact?: { id: string }; legs?: Array<{ account: string; thread: string }> };
    const contactId = conversation.contactId ?? conversation.contact?.id;
    const contact = (await (await host.request(`/api/v1/contacts/${contactId}`)).json()) as { identities: Array<{ type: string; value: string }> };
    expect(contact.identities).toEqual(expect.arrayContaining([
        expect.objectContaining({ type: 'whatsapp', value: '+12025550143' }),
        expect.objectContaining({ type: 'phone', value: '+12025550143' }),
        expect.objectContaining({ type: 'whatsapp_user', value: 'US.1029384756102938475' }),
      ]));
    expect(JSON.stringify(conversation)).toContain('"thread":"+12025550143"');
  });

  it('downloads images and documents with the access token into attachment storage', async () => {
    await host.postWebhook(fixtureText('inbound-image.json'));
    await host.postWebhook(fixtureText('inbound-document.json'));
    const image = await host.received('wamid.HBgLMTIwMjU1NTAxNDMVAgASGBQzQThFMTBDRDJFMzQ1Njc4OUFCQwA=');
    const document = await host.received('wamid.HBgLMTIwMjU1NTAxNDMVAgASGBQzQTlGMjFERTNGNDU2Nzg5QUJDRAA=');
    expect(image.text).toBe('The box arrived crushed');
    expect(image.attachments).toEqual([expect.objectContaining({ contentType: 'image/jpeg', size: JPEG.byteLength, name: 'whatsapp-image-1234567890123456.jpg' })]);
    expect(document.attachments).toEqual([expect.objectContaining({ contentType: 'application/pdf', name: 'invoice-1042.pdf' })]);
    const content = await host.request(`/api/v1/attachments/${image.attachments[0]!.id}/content`);
    expect(Buffer.from(await content.arrayBuffer())).toEqual(JPEG);
    const lookups = graph.requests.filter((r) => r.method === 'GET');
    expect(lookups.map((r) => r.path)).toEqual(expect.arrayContaining(['/v25.0/1234567890123456', '/files/1234567890123456', '/v25.0/2345678901234567', '/files/2345678901234567']));
    for (const r of lookups) expect(r.headers.authorization).toBe(`Bearer ${TEST_SECRETS.accessToken}`);
  });

  it('keeps a message whose media is gone, saying so instead of a file', async () => {
    await host.postWebhook(withMessage({ id: 'wamid.gone', type: 'image', image: { id: '999000999', mime_type: 'image/jpeg', caption: 'look' } }));
    const message = await host.received('wamid.gone');
    expect(message.attachments).toEqual([]);
    expect(message.text).toMatch(/^look\n\[the image could not be downloaded: Unsupported get request\.\]$/);
  });

  it('maps location, contacts, button replies and reactions onto content', async () => {
    await host.postWebhook(fixtureText('inbound-location.json'));
    const location = await host.received('wamid.HBgLMTIwMjU1NTAxNDMVAgASGBQzQUEwMzJFRjQwNTY3ODlBQkNERQA=');
    expect(location.content?.location).toEqual({ latitude: 38.8977, longitude: -77.0365, name: 'Pickup point', address: '1600 Pennsylvania Ave NW, Washington, DC' });

    await host.postWebhook(withMessage({ id: 'wamid.card', type: 'contacts', contacts: [{ name: { formatted_name: 'Ana Example' }, phones: [{ phone: '+1 202 555 0177' }] }] }));
    expect((await host.received('wamid.card')).content?.contacts).toEqual([{ name: 'Ana Example', phones: ['+1 202 555 0177'], emails: [] }]);

    await host.postWebhook(withMessage({ id: 'wamid.tap', type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'TRACK', title: 'Track order' } } }));
    const tap = await host.received('wamid.tap');
    expect(tap).toMatchObject({ text: 'Track order', content: { postback: { payload: 'TRACK', title: 'Track order' } } });

    await host.postWebhook(withMessage({ id: 'wamid.like', type: 'reaction', reaction: { message_id: 'wamid.tap', emoji: '👍' } }));
    const like = await host.received('wamid.like');
    expect(like.content?.reaction).toEqual({ emoji: '👍' });
  });

  it('identifies a username-only user by BSUID, and routes by phone number id', async () => {
    await host.postWebhook(fixtureText('inbound-text-username-only.json'));
    const sam = await host.received('wamid.HBgYVVMuNTY0NzM4MjkxMDU2NDczODI5MRUCABIYFDNBQzI1NDAxNjI3ODlBQkNERUYwAA==');
    const conversation = JSON.stringify(await (await host.request(`/api/v1/conversations/${sam.conversationId}`)).json());
    expect(conversation).toContain('"thread":"US.5647382910564738291"');

    const second = withMessage({ id: 'wamid.second-number', type: 'text', text: { body: 'to the other number' } }) as { entry: Array<{ changes: Array<{ value: { metadata: Record<string, string> } }> }> };
    second.entry[0]!.changes[0]!.value.metadata.phone_number_id = SECOND_NUMBER;
    await host.postWebhook(second);
    const other = await host.received('wamid.second-number');
    expect(JSON.stringify(await (await host.request(`/api/v1/conversations/${other.conversationId}`)).json())).toContain(`"account":"${SECOND_NUMBER}"`);

    const unknown = structuredClone(second);
    unknown.entry[0]!.changes[0]!.value.metadata.phone_number_id = '100000000000001';
    (unknown as unknown as { entry: Array<{ changes: Array<{ value: { messages: Array<{ id: string }> } }> }> }).entry[0]!.changes[0]!.value.messages[0]!.id = 'wamid.unknown-number';
    expect((await host.postWebhook(unknown)).status).toBe(200);
    await host.drain();
    expect(host.events().some((e) => e.type === 'core.message.received.v1' && (e.data as CoreEventData<'core.message.received.v1'>).message.providerMessageId === 'wamid.unknown-number')).toBe(false);
  });

  it('acknowledges malformed but signed bodies and stores nothing from them', async () => {
    for (const body of ['not json', '{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"metadata":{}}}]}]}', JSON.stringify(withMessage({ id: 'wamid.broken', type: 'location', location: { latitude: 'north' } }))]) {
      expect((await host.postWebhook(body)).status).toBe(200);
    }
    await host.drain();
    expect(host.events().some((e) => e.type === 'core.message.received.v1' && (e.data as CoreEventData<'core.message.received.v1'>).message.providerMessageId === 'wamid.broken')).toBe(false);
  });
});

describe('malformed notifications end to end (fast-check)', () => {
  it('acknowledges every signed body, keeps running, and stores nothing of what cannot be parsed whole', async () => {
    const before = host.events().filter((e) => e.type === 'core.message.received.v1').length;
    let posted = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.record({ id: fc.jsonValue(), type: fc.constantFrom('text', 'image', 'location', 'reaction'), timestamp: fc.jsonValue() })), async (message) => {
        const payload = withMessage({});
        (payload as { entry: Array<{ changes: Array<{ value: { messages: unknown[] } }> }> }).entry[0]!.changes[0]!.value.messages = [message];
        const body = JSON.stringify(payload);
        fc.pre(parseWhatsAppWebhook(body).items.length === 0);
        posted += 1;
        expect((await host.postWebhook(body)).status).toBe(200);
      }),
      { numRuns: 25 },
    );
    expect(posted).toBeGreaterThan(10);
    await host.drain();
    // Only the sentinel was recorded.
    expect(host.events().filter((e) => e.type === 'core.message.received.v1')).toHaveLength(before + 1);
  });
});
