import type { Message } from '@switchboard/events';
import fc from 'fast-check';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSINESS_NUMBER, CUSTOMER_NUMBER, FIXTURE_ACCOUNT_SID, FIXTURE_AUTH_TOKEN, FIXTURE_SERVICE_SID, readFixtureText } from './test-helpers/twilio-fixtures';
import { startTwilioTestHost, type TwilioTestHost } from './test-helpers/twilio-host';
import { TINY_JPEG } from './test-helpers/twilio-stand-in';
import { fixtureParams, formBody, newSid, postWebhook, replayFixture } from './test-helpers/twilio-webhooks';
import { arbitraryInboundParams } from './test-helpers/twilio-arbitraries';
import { listTwilioAccounts } from './twilio-accounts';
import { parseTwilioForm, twilioFormRecord } from './twilio-form';
import { mapInboundMessage } from './twilio-inbound-map';
import { InboundMessageParamsSchema } from './twilio-inbound-schemas';
import { WEBHOOK_RECEIVED } from './twilio-webhook-event';

let t: TwilioTestHost;

beforeAll(async () => {
  t = await startTwilioTestHost({ numbers: [{ number: BUSINESS_NUMBER, label: 'Support', sms: true, whatsapp: true, messagingServiceSid: FIXTURE_SERVICE_SID }] });
});
afterAll(async () => {
  await t?.stop();
});

const received = () => t.host.events().filter((e) => e.type === 'core.message.received.v1');
const accepted = () => t.host.events().filter((e) => e.type === WEBHOOK_RECEIVED);

type Contact = { id: string; name: string | null; identities: Array<{ type: string; value: string }>; conversations: Array<{ id: string }> };
type Conversation = { id: string; legs: Array<{ channel: string; account: string; thread: string; identity: { type: string; value: string } | null }>; contact: Contact };

async function conversation(id: string): Promise<Conversation> {
  const res = await t.host.request(`/api/v1/conversations/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Conversation;
}

/** A WhatsApp message from the fixtures' customer, signed like Twilio would. */
function whatsapp(params: Record<string, string>): Record<string, string> {
  return {
    MessageSid: newSid('SM'),
    AccountSid: FIXTURE_ACCOUNT_SID,
    From: `whatsapp:${CUSTOMER_NUMBER}`,
    To: `whatsapp:${BUSINESS_NUMBER}`,
    WaId: CUSTOMER_NUMBER.slice(1),
    ProfileName: 'Dana Example',
    NumMedia: '0',
    Body: '',
    ApiVersion: '2010-04-01',
    ...params,
  };
}

describe('refused webhooks leave nothing behind', () => {
  it('answers 403 problem+json to a tampered body, a wrong token, a trailing-slash URL and a missing header', async () => {
    const body = readFixtureText('inbound-sms.txt');
    const signature = 'rVOfjoz8M3pVoO4inCLuoEhg6bc=';
    const attempts = [
      postWebhook(t.host.url, '/messages', body.replace('order+%231042', 'order+%231043'), { signature }),
      postWebhook(t.host.url, '/messages', body, { token: '0123456789abcdef0123456789abcdef' }),
      postWebhook(t.host.url, '/messages', body, { signedUrl: 'https://inbox.example.com/webhooks/twilio/messages/' }),
      postWebhook(t.host.url, '/messages', body, { signature: null }),
      // A valid signature for the other route is not valid here.
      postWebhook(t.host.url, '/status', body, { signature }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 403, code: 'SWB_ERR_CHANNEL_TWILIO_SIGNATURE_INVALID' });
    }
    const json = await postWebhook(t.host.url, '/messages', JSON.stringify(fixtureParams('inbound-sms')), { contentType: 'application/json' });
    expect(json.status).toBe(415);
    expect(accepted()).toHaveLength(0);
    expect(received()).toHaveLength(0);
  });
});

describe('incoming messages from the fixtures', () => {
  it('records an SMS once however often Twilio delivers it, and answers an empty TwiML response', async () => {
    const answers = await Promise.all([replayFixture(t.host.url, 'inbound-sms'), replayFixture(t.host.url, 'inbound-sms')]);
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/xml');
      expect(await res.text()).toBe(readFixtureText('twiml-empty-response.xml'));
    }
    const sms = await t.received('SM3f2a7c9e1b4d4e8f9a0b1c2d3e4f5a6b');
    expect(sms).toMatchObject({ direction: 'inbound', channel: 'channel-twilio', text: "Hi, my order #1042 hasn't arrived yet & the tracking link 404s" });
    // A third, late retry: still one message.
    expect((await replayFixture(t.host.url, 'inbound-sms')).status).toBe(200);
    await expect.poll(() => accepted().length).toBe(3);
    const other = newSid('SM');
    await postWebhook(t.host.url, '/messages', formBody({ ...fixtureParams('inbound-sms'), MessageSid: other, SmsSid: other, SmsMessageSid: other, Body: 'And one more thing' }));
    await t.received(other);
    const inbound = (await t.messages(sms.conversationId)).filter((m) => m.direction === 'inbound');
    expect(inbound.map((m) => m.providerMessageId)).toEqual(['SM3f2a7c9e1b4d4e8f9a0b1c2d3e4f5a6b', other]);

    const conv = await conversation(sms.conversationId);
    expect(conv.legs).toEqual([expect.objectContaining({ channel: 'channel-twilio', account: `sms:${BUSINESS_NUMBER}`, thread: CUSTOMER_NUMBER, identity: { type: 'phone', value: CUSTOMER_NUMBER } })]);
    expect(conv.contact.identities).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'phone', value: CUSTOMER_NUMBER })]));
  });

  it('signs over the query string Twilio was configured with, exactly as it arrives', async () => {
    const sid = newSid('SM');
    const body = formBody({ ...fixtureParams('inbound-sms'), MessageSid: sid, Body: 'via a tagged URL' });
    expect((await postWebhook(t.host.url, '/messages', body, { query: '?source=us%20sms&x=1' })).status).toBe(200);
    await t.received(sid);
    // The same request signed without the query does not pass.
    const unsigned = await postWebhook(t.host.url, '/messages', body, { query: '?source=us%20sms&x=1', signedUrl: 'https://inbox.example.com/webhooks/twilio/messages' });
    expect(unsigned.status).toBe(403);
  });

  it('downloads MMS media with Basic auth into attachment storage, never exposing Twilio’s URL', async () => {
    t.twilio.setMedia('ME9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a', TINY_JPEG, 'image/jpeg');
    expect((await replayFixture(t.host.url, 'inbound-mms')).status).toBe(200);
    const mms = await t.received('MM8c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f');
    expect(mms.text).toBe('Photo of the damaged box');
    expect(mms.attachments).toEqual([expect.objectContaining({ contentType: 'image/jpeg', size: TINY_JPEG.byteLength })]);
    expect(JSON.stringify(mms)).not.toMatch(/twilio\.com|Media\/ME|127\.0\.0\.1/);

    const [apiCall, cdnCall] = t.twilio.mediaRequests;
    expect(apiCall).toMatchObject({ host: 'api', path: expect.stringContaining('/Media/ME9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a') });
    expect(apiCall?.headers.authorization).toBe(`Basic ${Buffer.from(`${FIXTURE_ACCOUNT_SID}:${FIXTURE_AUTH_TOKEN}`).toString('base64')}`);
    // The credentials stay with Twilio: the CDN it redirects to never sees them.
    expect(cdnCall?.host).toBe('cdn');
    expect(cdnCall?.headers.authorization).toBeUndefined();

    const file = await t.host.request(`/api/v1/attachments/${mms.attachments[0]?.id}/content`);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(TINY_JPEG);
  });

  it('maps a WhatsApp text to a whatsapp identity with the verified phone, on the WhatsApp account', async () => {
    expect((await replayFixture(t.host.url, 'inbound-whatsapp-text')).status).toBe(200);
    const text = await t.received('SM6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e');
    expect(text).toMatchObject({ text: 'Hola! ¿Puedo cambiar la dirección de envío?', sender: expect.objectContaining({ kind: 'contact' }) });
    const conv = await conversation(text.conversationId);
    expect(conv.legs).toEqual(
      expect.arrayContaining([expect.objectContaining({ account: `whatsapp:${BUSINESS_NUMBER}`, thread: CUSTOMER_NUMBER, identity: { type: 'whatsapp', value: CUSTOMER_NUMBER } })]),
    );
  });

  it('maps a WhatsApp location to content.location with its label and address as text', async () => {
    expect((await replayFixture(t.host.url, 'inbound-whatsapp-location')).status).toBe(200);
    const location = await t.received('SM7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f');
    expect(location.text).toBe('Pickup point, 1600 Pennsylvania Ave NW, Washington, DC');
    expect(location.content).toEqual({ location: { latitude: 38.8977, longitude: -77.0365, name: 'Pickup point', address: '1600 Pennsylvania Ave NW, Washington, DC' } });
  });

  it('maps a tapped WhatsApp button to a postback and a quoted reply to the message it quotes', async () => {
    const button = whatsapp({ Body: 'Track my order', ButtonText: 'Track my order', ButtonPayload: 'track:1042', MessageType: 'button' });
    const quoting = whatsapp({ Body: 'This one', OriginalRepliedMessageSid: 'SM6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e' });
    await postWebhook(t.host.url, '/messages', formBody(button));
    await postWebhook(t.host.url, '/messages', formBody(quoting));
    const tapped = await t.received(button.MessageSid ?? '');
    expect(tapped).toMatchObject({ text: 'Track my order', content: { postback: { payload: 'track:1042', title: 'Track my order' } } });
    const reply = await t.received(quoting.MessageSid ?? '');
    const quoted = await t.received('SM6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e');
    expect(reply.replyToMessageId).toBe(quoted.id);
  });

  it('reads a shared WhatsApp contact card into content.contacts, even where vCards may not be stored', async () => {
    const mediaSid = newSid('ME');
    const messageSid = newSid('MM');
    t.twilio.setMedia(mediaSid, Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Courier\r\nTEL;TYPE=CELL:+12025550177\r\nEND:VCARD\r\n'), 'text/vcard');
    const card = whatsapp({
      MessageSid: messageSid,
      NumMedia: '1',
      MessageType: 'contacts',
      MediaContentType0: 'text/vcard',
      MediaUrl0: `https://api.twilio.com/2010-04-01/Accounts/${FIXTURE_ACCOUNT_SID}/Messages/${messageSid}/Media/${mediaSid}`,
    });
    await postWebhook(t.host.url, '/messages', formBody(card));
    const shared = await t.received(messageSid);
    expect(shared.content).toEqual({ contacts: [{ name: 'Sam Courier', phones: ['+12025550177'], emails: [] }] });
    // The default attachments.allowedTypes has no text/vcard: the card is content, without a note.
    expect(shared.attachments).toEqual([]);
    expect(shared.text).toBe('');
  });

  it('records a message whose media is gone at Twilio with a note instead of losing it', async () => {
    const messageSid = newSid('MM');
    const params = {
      ...fixtureParams('inbound-mms'),
      MessageSid: messageSid,
      Body: 'Second photo',
      MediaUrl0: `https://api.twilio.com/2010-04-01/Accounts/${FIXTURE_ACCOUNT_SID}/Messages/${messageSid}/Media/${newSid('ME')}`,
    };
    await postWebhook(t.host.url, '/messages', formBody(params));
    const message = await t.received(messageSid);
    expect(message.attachments).toEqual([]);
    expect(message.text).toBe('Second photo\n[image/jpeg attachment not stored: Twilio no longer has it]');
    expect(message.text).not.toMatch(/https?:/);
  });

  it('drops a signed but malformed webhook whole, and goes on with the next one', async () => {
    const bad = { ...fixtureParams('inbound-mms'), MessageSid: newSid('MM'), NumMedia: '2' }; // claims a second media item it lacks
    const badLocation = whatsapp({ MessageType: 'location', Latitude: '123.4', Longitude: '-77' });
    const good = whatsapp({ Body: 'still here' });
    for (const params of [bad, badLocation, good]) expect((await postWebhook(t.host.url, '/messages', formBody(params))).status).toBe(200);
    await t.received(good.MessageSid ?? '');
    const sids = received().map((e) => (e.data as { message: Message }).message.providerMessageId);
    expect(sids).not.toContain(bad.MessageSid);
    expect(sids).not.toContain(badLocation.MessageSid);
  });
});

describe('generated webhooks against the real host (property-based)', () => {
  it('records exactly the well-formed ones, complete, and nothing of the others', async () => {
    const seed = Date.now() % 2 ** 31;
    const accounts = new Map(listTwilioAccounts({ numbers: [{ number: BUSINESS_NUMBER, sms: true, whatsapp: true }] }).map((a) => [a.id, a]));
    const cases = fc.sample(arbitraryInboundParams(), { numRuns: 40, seed }).map((params) => {
      // A fresh SID for each case that has a valid one, so no case is another's duplicate.
      const fresh: Record<string, string> = /^[A-Z]{2}[0-9a-fA-F]{32}$/.test(params.MessageSid ?? '') ? { MessageSid: newSid('SM') } : {};
      const body = formBody({ ...params, ...fresh });
      const parsed = v.safeParse(InboundMessageParamsSchema, twilioFormRecord(parseTwilioForm(body)));
      const mapped = parsed.success && parsed.output.AccountSid === FIXTURE_ACCOUNT_SID ? mapInboundMessage(parsed.output, accounts) : null;
      return { body, sid: twilioFormRecord(parseTwilioForm(body)).MessageSid, expected: mapped?.ok ? mapped.value : null };
    });
    for (const c of cases) expect((await postWebhook(t.host.url, '/messages', c.body)).status, `seed ${seed}`).toBe(200);
    const marker = whatsapp({ Body: 'after the generated ones' });
    await postWebhook(t.host.url, '/messages', formBody(marker));
    await t.received(marker.MessageSid ?? '');

    const recorded = new Map(received().map((e) => [(e.data as { message: Message }).message.providerMessageId, (e.data as { message: Message }).message]));
    for (const c of cases) {
      const message = c.sid ? recorded.get(c.sid) : undefined;
      if (!c.expected) {
        expect(message, `seed ${seed}: ${c.body}`).toBeUndefined();
        continue;
      }
      expect(message, `seed ${seed}: ${c.body}`).toBeDefined();
      expect(message?.text.startsWith(c.expected.text), `seed ${seed}: ${c.body}`).toBe(true);
      const conv = await conversation(message?.conversationId ?? '');
      expect(conv.legs.some((leg) => leg.account === c.expected?.account.id && leg.thread === c.expected.thread), `seed ${seed}`).toBe(true);
    }
  });
});
