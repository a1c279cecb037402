import { describe, expect, it } from 'vitest';
import { IGSID, IG_ACCOUNT_ID, PAGE_ID, PSID, messengerFixture } from './test-helpers/fixtures';
import { STORY_MENTION_TEXT, parseMessengerWebhook, type ParsedInbound, type ParsedMessengerItem } from './messenger-parse';

const THREAD = `${PAGE_ID}:${PSID}`;
const IG_THREAD = `${IG_ACCOUNT_ID}:${IGSID}`;

function single(name: string): ParsedMessengerItem {
  const { items, skipped } = parseMessengerWebhook(messengerFixture(name));
  expect(skipped).toEqual([]);
  expect(items).toHaveLength(1);
  return items[0]!;
}
const inbound = (name: string) => single(name) as ParsedInbound;

describe('parseMessengerWebhook', () => {
  it('maps a text: identity and thread <pageId>:<psid>, the mid as provider id, raw kept', () => {
    const item = inbound('inbound-text.json');
    expect(item).toMatchObject({ kind: 'inbound', account: PAGE_ID, psid: PSID, sentAt: 1795352700123, files: [] });
    expect(item.record).toMatchObject({
      thread: THREAD,
      from: { identity: { type: 'messenger_psid', value: THREAD } },
      providerMessageId: 'm_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P',
      text: 'Hi, can I change my delivery address?',
      replyToProviderMessageId: null,
    });
    expect(item.record.raw).toMatchObject({ object: 'page', entryId: PAGE_ID, event: { sender: { id: PSID } } });
  });

  it('maps an image to a file to fetch', () => {
    expect(inbound('inbound-image.json').files).toEqual([{ type: 'image', url: 'https://scontent.xx.fbcdn.net/v/t1.15752-9/example_n.jpg?stp=dst-jpg&_nc_cat=100&oh=00_Example&oe=67A1B2C3' }]);
  });

  it('maps a quick reply and a postback to content.postback, the title as text', () => {
    expect(inbound('inbound-quick-reply.json').record).toMatchObject({ text: 'Track my order', content: { postback: { payload: 'TRACK_ORDER', title: 'Track my order' } } });
    expect(inbound('postback.json').record).toMatchObject({
      providerMessageId: 'm_FU0Me7Zv2yz1SJmckDDPo3rOJR_VUuE0oiHP93UsPFoXiokpnvu2RaP3rf1FH3kuq1vQ_0hlcNgz2N8wGS5U',
      text: 'Talk to a human',
      content: { postback: { payload: 'HANDOFF_HUMAN', title: 'Talk to a human' } },
    });
  });

  it('maps a reply and a reaction onto the message they are about', () => {
    const target = 'm_outbound_0001_ExampleMidForReplyTarget_abcdefghijklmnopqrstuvwxyz';
    expect(inbound('inbound-reply-to.json').record).toMatchObject({ text: 'Yes, this one', replyToProviderMessageId: target });
    const reaction = inbound('reaction.json').record;
    expect(reaction).toMatchObject({ text: '❤️', replyToProviderMessageId: target, content: { reaction: { emoji: '❤️' } } });
    expect(reaction.providerMessageId).toBe(`reaction-${target}-${PSID}-1795352900123`);
  });

  it('writes a shared place (fallback attachment) out as its title and link', () => {
    expect(inbound('inbound-location-fallback.json').record.text).toBe('Pickup point https://l.facebook.com/l.php?u=https%3A%2F%2Fmaps.example.com%2F%3Fq%3D38.8977%2C-77.0365');
  });

  it('maps a legacy location attachment to content.location', () => {
    const body = JSON.parse(messengerFixture('inbound-text.json'));
    body.entry[0].messaging[0].message = { mid: 'm_loc', attachments: [{ type: 'location', title: 'Pickup point', payload: { coordinates: { lat: 38.8977, long: -77.0365 } } }] };
    const [item] = parseMessengerWebhook(JSON.stringify(body)).items as ParsedInbound[];
    expect(item!.record.content).toEqual({ location: { latitude: 38.8977, longitude: -77.0365, name: 'Pickup point' } });
  });

  it('maps Instagram messages, images and story mentions to instagram_igsid threads', () => {
    expect(inbound('instagram-inbound-text.json').record).toMatchObject({ thread: IG_THREAD, from: { identity: { type: 'instagram_igsid', value: IG_THREAD } }, text: 'Is the blue jacket back in stock?' });
    expect(inbound('instagram-inbound-image.json').files).toEqual([{ type: 'image', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1234567890123456&signature=ExampleSig' }]);
    const story = inbound('instagram-story-mention.json');
    expect(story.record.text).toBe(STORY_MENTION_TEXT);
    expect(story.files).toEqual([{ type: 'story_mention', url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=2234567890123456&signature=ExampleSig2' }]);
  });

  it('reads delivery and read watermarks, and Instagram’s seen mid', () => {
    expect(single('delivery.json')).toEqual({ kind: 'receipt', account: PAGE_ID, thread: THREAD, state: 'delivered', mids: ['m_outbound_0001_ExampleMidForReplyTarget_abcdefghijklmnopqrstuvwxyz'], watermark: 1795352800000 });
    expect(single('read.json')).toEqual({ kind: 'receipt', account: PAGE_ID, thread: THREAD, state: 'read', mids: [], watermark: 1795352890000 });
    expect(single('instagram-seen.json')).toMatchObject({ kind: 'receipt', account: IG_ACCOUNT_ID, thread: IG_THREAD, state: 'read', watermark: 1795352890321 });
  });

  it('recognises echoes of the Page’s own messages', () => {
    expect(single('echo.json')).toEqual({ kind: 'echo', account: PAGE_ID, mid: 'm_outbound_0001_ExampleMidForReplyTarget_abcdefghijklmnopqrstuvwxyz', appId: '123456789012345' });
  });

  it('skips what is not for this account or malformed, and never throws', () => {
    const body = JSON.parse(messengerFixture('inbound-text.json'));
    body.entry[0].messaging.push({ sender: { id: PSID }, recipient: { id: '999' }, timestamp: 1, message: { mid: 'm_x', text: 'elsewhere' } });
    body.entry[0].messaging.push({ sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp: 'now', message: { mid: 'm_y' } });
    const { items, skipped } = parseMessengerWebhook(JSON.stringify(body));
    expect(items).toHaveLength(1);
    expect(skipped).toHaveLength(2);
    for (const junk of ['', '{', '{"object":"user"}', '{"object":"page","entry":[{"id":"1","messaging":[null]}]}']) expect(parseMessengerWebhook(junk).items).toEqual([]);
  });
});
