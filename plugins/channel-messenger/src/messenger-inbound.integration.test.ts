import type { CoreEventData } from '@switchboard/events';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORY_MENTION_TEXT, parseMessengerWebhook } from './messenger-parse';
import { WEBHOOK_RECEIVED_EVENT } from './messenger-webhook';
import { IGSID, IG_ACCOUNT_ID, PAGE_ID, PSID, messengerFixture, messengerJson } from './test-helpers/fixtures';
import { PAGE_TOKENS, fixtureEvent, startMessengerHost, type MessengerHost } from './test-helpers/host';
import { startMetaStandIn, type MetaStandIn } from './test-helpers/meta-stand-in';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201b1d6a3a70000000049454e44ae426082', 'hex');

let meta: MetaStandIn;
let host: MessengerHost;

beforeAll(async () => {
  meta = await startMetaStandIn(PAGE_TOKENS);
  meta.addProfile(PSID, { first_name: 'Dana', last_name: 'Example' });
  meta.addProfile(IGSID, { name: 'Jo Insta', username: 'jo.insta' });
  for (const path of ['/cdn/photo.png', '/cdn/ig-photo.png', '/cdn/story.png']) meta.serveFile(path, PNG, 'image/png');
  host = await startMessengerHost(meta);
});
afterAll(async () => {
  await host?.stop();
  await meta?.close();
});

const receivedIds = () => host.events().filter((e) => e.type === 'core.message.received.v1').map((e) => (e.data as CoreEventData<'core.message.received.v1'>).message.providerMessageId);
const withFile = (name: string, path: string) =>
  fixtureEvent(name, (event) => {
    event.message.attachments[0].payload.url = `${meta.baseUrl}${path}`;
  });

describe('webhook', () => {
  it('answers the verification handshake', async () => {
    const query = messengerFixture('verify-request.txt').split(' ')[1]!.split('?')[1]!;
    const res = await fetch(`${host.url}/plugins/channel-messenger/webhook?${query}`);
    expect([res.status, await res.text()]).toEqual([200, messengerJson<{ body: string }>('verify-expected-response.json').body]);
    expect((await fetch(`${host.url}/plugins/channel-messenger/webhook?hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope`)).status).toBe(403);
  });

  it('accepts inbound-text.raw with Meta’s signature, keeps the raw body, names the person', async () => {
    const raw = messengerFixture('inbound-text.raw');
    const res = await host.webhook(raw, messengerJson<{ expected_x_hub_signature_256: string }>('signature-examples.json').expected_x_hub_signature_256);
    expect([res.status, await res.text()]).toEqual([200, 'EVENT_RECEIVED']);
    // The 200 means JetStream has it; the test's own subscription may see it a moment later.
    await host.waitForEvent<{ body: string }>(WEBHOOK_RECEIVED_EVENT, (e) => e.data.body === raw);
    const message = await host.recorded('m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P');
    expect(message).toMatchObject({ text: 'Hi, can I change my delivery address?', channel: 'channel-messenger', sender: { kind: 'contact', name: 'Dana Example' } });
    const profile = meta.calls.find((c) => c.url.startsWith(`/v25.0/${PSID}?fields=`))!;
    expect(profile.authorization).toBe(`Bearer ${PAGE_TOKENS[PAGE_ID]}`);
    expect(JSON.stringify(await (await host.request(`/api/v1/conversations/${message.conversationId}`)).json())).toContain(`"thread":"${PAGE_ID}:${PSID}"`);
  });

  it('refuses tampered, wrongly signed and unsigned bodies, storing nothing', async () => {
    const before = host.events().filter((e) => e.type === WEBHOOK_RECEIVED_EVENT).length;
    const { expected_x_hub_signature_256: signature } = messengerJson<{ expected_x_hub_signature_256: string }>('signature-examples.json');
    const tampered = messengerFixture('inbound-text.raw').replace('m_AG5Hz2', 'm_TAMPER');
    const refused = [await host.webhook(tampered, signature), await host.webhook(tampered, `sha256=${'0'.repeat(64)}`), await host.webhook(tampered, null)];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 401]);
    expect(await refused[0]!.json()).toMatchObject({ code: 'SWB_ERR_MESSENGER_SIGNATURE_INVALID' });
    expect(host.events().filter((e) => e.type === WEBHOOK_RECEIVED_EVENT)).toHaveLength(before);
    await host.settle();
    expect(receivedIds().some((id) => id?.startsWith('m_TAMPER'))).toBe(false);
  });

  it('stores a message once however often Meta delivers it, and ignores echoes and unknown Pages', async () => {
    const reply = fixtureEvent('inbound-reply-to.json');
    for (let i = 0; i < 3; i++) expect((await host.webhook(reply)).status).toBe(200);
    await host.webhook(messengerFixture('echo.json'));
    await host.webhook(fixtureEvent('inbound-text.json', (e) => ((e.recipient.id = '100000000000009'), (e.message.mid = 'm_unknown_page'))));
    await host.settle();
    const mid = 'm_ET9Ld6Yu1xy0RIlbjCCOn2qNIQ_UTtD9nhGO82TrOEnWhnjmut1QzO2qe0EG2jtp0uP_9gkbMfy1M7vFR4T';
    expect(receivedIds().filter((id) => id === mid)).toHaveLength(1);
    expect(receivedIds()).not.toContain('m_outbound_0001_ExampleMidForReplyTarget_abcdefghijklmnopqrstuvwxyz');
    expect(receivedIds()).not.toContain('m_unknown_page');
  });
});

describe('what people send', () => {
  it('copies images from the CDN into attachment storage', async () => {
    await host.webhook(withFile('inbound-image.json', '/cdn/photo.png'));
    const image = await host.recorded('m_BQ6Ia3Vr8uvxOFiYgZZLk9nKFN_RQqA6keDL59QoLBkTekgjqryrNwL9nb7BD9gqmxmrMQ_6dhYJcv8J4sCO1Q');
    expect(image.attachments).toEqual([expect.objectContaining({ contentType: 'image/png', size: PNG.byteLength })]);
    const stored = await host.request(`/api/v1/attachments/${image.attachments[0]!.id}/content`);
    expect(Buffer.from(await stored.arrayBuffer())).toEqual(PNG);
    expect(meta.calls.find((c) => c.url === '/cdn/photo.png')!.authorization).toBeUndefined();
  });

  it('maps quick replies, postbacks, reactions and shared places', async () => {
    for (const name of ['inbound-quick-reply.json', 'postback.json', 'reaction.json', 'inbound-location-fallback.json']) await host.webhook(messengerFixture(name));
    expect(await host.recorded('m_DS8Kc5Xt0wxzQHkaiBBNm1pMHP_TSsC8mgFN71SqNDmVgmilts0PyN1pd9DF1isoztO_8fjaLex0L6uEQ3S')).toMatchObject({
      text: 'Track my order',
      content: { postback: { payload: 'TRACK_ORDER', title: 'Track my order' } },
    });
    expect(await host.recorded('m_FU0Me7Zv2yz1SJmckDDPo3rOJR_VUuE0oiHP93UsPFoXiokpnvu2RaP3rf1FH3kuq1vQ_0hlcNgz2N8wGS5U')).toMatchObject({
      text: 'Talk to a human',
      content: { postback: { payload: 'HANDOFF_HUMAN', title: 'Talk to a human' } },
    });
    const reaction = await host.recorded(`reaction-m_outbound_0001_ExampleMidForReplyTarget_abcdefghijklmnopqrstuvwxyz-${PSID}-1795352900123`);
    expect(reaction.content).toEqual({ reaction: { emoji: '❤️' } });
    const place = await host.recorded('m_CR7Jb4Ws9vwyPGjZhAAMl0oLGO_SRrB7lfEM60RpMClUflhkrszOxM0oc8CE0hrnynsN_7eiZKdw9K5tDP2R');
    expect(place.text).toContain('Pickup point https://l.facebook.com/');
  });

  it('takes Instagram messages, images and story mentions on instagram_igsid threads', async () => {
    await host.webhook(messengerFixture('instagram-inbound-text.json'));
    await host.webhook(withFile('instagram-inbound-image.json', '/cdn/ig-photo.png'));
    await host.webhook(withFile('instagram-story-mention.json', '/cdn/story.png'));
    const text = await host.recorded('aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAxOjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTMxOTkxMjM0NTY3ODkwMQZDZD');
    expect(text).toMatchObject({ text: 'Is the blue jacket back in stock?', sender: { name: 'Jo Insta' } });
    const conversation = JSON.stringify(await (await host.request(`/api/v1/conversations/${text.conversationId}`)).json());
    expect(conversation).toContain(`"thread":"${IG_ACCOUNT_ID}:${IGSID}"`);
    const story = await host.recorded('aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAxOjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTMxOTkxMjM0NTY3ODkwMwZDZD');
    expect(story).toMatchObject({ text: STORY_MENTION_TEXT, attachments: [expect.objectContaining({ contentType: 'image/png' })] });
    const image = await host.recorded('aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDAxOjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTMxOTkxMjM0NTY3ODkwMgZDZD');
    expect(image.attachments).toHaveLength(1);
  });

  it('keeps a message whose file has expired, saying so', async () => {
    await host.webhook(fixtureEvent('inbound-image.json', (e) => ((e.message.mid = 'm_expired'), (e.message.attachments[0].payload.url = `${meta.baseUrl}/cdn/expired.jpg`))));
    const message = await host.recorded('m_expired');
    expect(message.attachments).toEqual([]);
    expect(message.text).toBe('[the image could not be kept: the file URL answered 404]');
  });
});

describe('malformed notifications end to end (fast-check)', () => {
  it('acknowledges every signed body and records nothing from those that do not parse whole', async () => {
    const before = receivedIds().length;
    let posted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.jsonValue(), fc.record({ sender: fc.jsonValue(), recipient: fc.constant({ id: PAGE_ID }), timestamp: fc.jsonValue(), message: fc.jsonValue() })), { maxLength: 3 }), async (events) => {
        const body = JSON.stringify({ object: 'page', entry: [{ id: PAGE_ID, time: 1, messaging: events }] });
        fc.pre(parseMessengerWebhook(body).items.length === 0);
        posted += 1;
        expect((await host.webhook(body)).status).toBe(200);
      }),
      { numRuns: 25 },
    );
    expect(posted).toBeGreaterThan(10);
    await host.settle();
    expect(receivedIds()).toHaveLength(before + 1);
  });
});
