import { describeChannelCommand, describeChannelCommandName } from '@switchboard/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSINESS_NUMBER, CUSTOMER_NUMBER, FIXTURE_ACCOUNT_SID, readFixtureText } from './test-helpers/twilio-fixtures';
import { startTwilioTestHost, type TwilioTestHost } from './test-helpers/twilio-host';
import { created } from './test-helpers/twilio-stand-in';
import { formBody, newSid, postWebhook, replayFixture } from './test-helpers/twilio-webhooks';

/** The plugin's clock runs this far ahead of the real one: the 24-hour window is tested by moving it. */
let clockOffsetMs = 0;
let t: TwilioTestHost;

beforeAll(async () => {
  t = await startTwilioTestHost({ numbers: [{ number: BUSINESS_NUMBER, label: 'Support', sms: true, whatsapp: true }], now: () => new Date(Date.now() + clockOffsetMs) });
});
afterAll(async () => {
  await t?.stop();
});

type Identity = { type: string; value: string };
type Contact = { id: string; identities: Identity[]; conversations: Array<{ id: string }> };
type Conversation = { id: string; contact: Contact; legs: Array<{ id: string; account: string; thread: string }> };

async function getJson<T>(path: string): Promise<T> {
  const res = await t.host.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

async function whatsappLeg(conversationId: string): Promise<string> {
  const conv = await getJson<Conversation>(`/api/v1/conversations/${conversationId}`);
  const leg = conv.legs.find((l) => l.account === `whatsapp:${BUSINESS_NUMBER}`);
  if (!leg) throw new Error(`conversation ${conversationId} has no WhatsApp leg`);
  return leg.id;
}

async function upload(name: string, type: string, bytes: Uint8Array): Promise<string> {
  const form = new FormData();
  form.set('file', new File([bytes], name, { type }));
  const res = await t.host.request('/api/v1/attachments', { method: 'POST', body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('accounts', () => {
  it('describes one SMS and one WhatsApp account per number, WhatsApp with its 24-hour window', async () => {
    const described = await t.host.bus.request(describeChannelCommandName('channel-twilio'), describeChannelCommand, {});
    expect(described.accounts).toEqual([
      { id: `sms:${BUSINESS_NUMBER}`, label: 'Support (SMS)', identityType: 'phone', replyWindowHours: null },
      { id: `whatsapp:${BUSINESS_NUMBER}`, label: 'Support (WhatsApp)', identityType: 'whatsapp', replyWindowHours: 24 },
    ]);
  });
});

describe('one person on SMS and WhatsApp', () => {
  it('is one contact with a phone and a whatsapp identity, holding both conversations, seen from either side', async () => {
    expect((await replayFixture(t.host.url, 'inbound-sms')).status).toBe(200);
    const sms = await t.received('SM3f2a7c9e1b4d4e8f9a0b1c2d3e4f5a6b');
    expect((await replayFixture(t.host.url, 'inbound-whatsapp-text')).status).toBe(200);
    const wa = await t.received('SM6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e');

    const fromSms = await getJson<Conversation>(`/api/v1/conversations/${sms.conversationId}`);
    const fromWhatsApp = await getJson<Conversation>(`/api/v1/conversations/${wa.conversationId}`);
    expect(fromWhatsApp.contact.id).toBe(fromSms.contact.id);
    const contact = await getJson<Contact>(`/api/v1/contacts/${fromSms.contact.id}`);
    expect(contact.identities).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'phone', value: CUSTOMER_NUMBER }), expect.objectContaining({ type: 'whatsapp', value: CUSTOMER_NUMBER })]),
    );
    expect(contact.identities.filter((i) => i.type === 'phone' || i.type === 'whatsapp')).toHaveLength(2);
    expect(contact.conversations.map((c) => c.id)).toEqual(expect.arrayContaining([sms.conversationId, wa.conversationId]));
  });
});

describe('WhatsApp and MMS out', () => {
  it('sends the documented MMS request, with attachment URLs Twilio can download', async () => {
    const { conversationId } = await t.received('SM3f2a7c9e1b4d4e8f9a0b1c2d3e4f5a6b');
    const conv = await getJson<Conversation>(`/api/v1/conversations/${conversationId}`);
    const smsLeg = conv.legs.find((l) => l.account === `sms:${BUSINESS_NUMBER}`);
    const attachmentIds = [await upload('1042.png', 'image/png', PNG), await upload('1042-instructions.pdf', 'application/pdf', PDF)];
    const reply = await t.reply(conversationId, { text: 'Here is your return label', attachmentIds, legId: smsLeg?.id });
    await t.delivery(reply, 'sent');

    const request = t.twilio.sends.at(-1);
    const expected = [...new URLSearchParams(readFixtureText('send-mms-request.txt'))];
    const actual = request?.params ?? [];
    expect(actual.map(([name]) => name)).toEqual(expected.map(([name]) => name));
    // Everything as documented except the media URLs: ours are the attachments' signed links.
    expect(actual.filter(([name]) => name !== 'MediaUrl')).toEqual(expected.filter(([name]) => name !== 'MediaUrl'));
    const mediaUrls = actual.filter(([name]) => name === 'MediaUrl').map(([, url]) => url);
    for (const [i, url] of mediaUrls.entries()) {
      const res = await fetch(url); // no credentials, as Twilio fetches it
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(i === 0 ? PNG : PDF);
    }
  });

  it('replies inside the window as whatsapp:+…, and applies the read callback', async () => {
    const { conversationId } = await t.received('SM6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e');
    t.twilio.queueAnswers(created('SMc3d4e5f60718293a4b5c6d7e8f90a1b2'));
    const reply = await t.reply(conversationId, { text: 'Claro, ¿cuál es la nueva dirección?', legId: await whatsappLeg(conversationId) });
    await t.delivery(reply, 'sent');
    expect(t.twilio.sends.at(-1)?.params).toEqual([
      ['To', `whatsapp:${CUSTOMER_NUMBER}`],
      ['From', `whatsapp:${BUSINESS_NUMBER}`],
      ['Body', 'Claro, ¿cuál es la nueva dirección?'],
      ['StatusCallback', 'https://inbox.example.com/webhooks/twilio/status'],
    ]);
    expect((await replayFixture(t.host.url, 'status-whatsapp-read')).status).toBe(200);
    expect((await t.delivery(reply, 'read')).delivery).toEqual({ state: 'read', error: null });
  });

  it('sends a location as a WhatsApp pin', async () => {
    const { conversationId } = await t.received('SM6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e');
    const reply = await t.reply(conversationId, { text: '', content: { location: { latitude: 38.8977, longitude: -77.0365, name: 'Our store' } }, legId: await whatsappLeg(conversationId) });
    await t.delivery(reply, 'sent');
    const params = new URLSearchParams(t.twilio.sends.at(-1)?.rawBody);
    expect(params.get('PersistentAction')).toBe('geo:38.8977,-77.0365|Our store');
    expect(params.get('Body')).toBe('Our store');
  });

  it('fails a message Twilio reports outside the window (63016) with the reason', async () => {
    const { conversationId } = await t.received('SM6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e');
    t.twilio.queueAnswers(created('SMd4e5f60718293a4b5c6d7e8f90a1b2c3'));
    const reply = await t.reply(conversationId, { text: 'Following up', legId: await whatsappLeg(conversationId) });
    await t.delivery(reply, 'sent');
    expect((await replayFixture(t.host.url, 'status-whatsapp-failed-63016')).status).toBe(200);
    const failed = await t.delivery(reply, 'failed');
    expect(failed.delivery.error).toMatchObject({ code: 'twilio_63016', retryable: false, message: expect.stringContaining('24-hour') });
  });

  it('refuses a WhatsApp message once 24 hours have passed, without calling Twilio, until the customer writes again', async () => {
    const { conversationId } = await t.received('SM6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e');
    const legId = await whatsappLeg(conversationId);
    const before = t.twilio.sends.length;
    clockOffsetMs = 25 * 3600_000;
    const late = await t.delivery(await t.reply(conversationId, { text: 'Are you still there?', legId }), 'failed');
    expect(late.delivery.error).toMatchObject({ code: 'twilio_63016', retryable: false, message: expect.stringMatching(/^Not sent: outside WhatsApp's 24-hour/) });
    expect(t.twilio.sends).toHaveLength(before);

    const sid = newSid('SM');
    const again = { MessageSid: sid, AccountSid: FIXTURE_ACCOUNT_SID, From: `whatsapp:${CUSTOMER_NUMBER}`, To: `whatsapp:${BUSINESS_NUMBER}`, WaId: CUSTOMER_NUMBER.slice(1), Body: 'Yes!', NumMedia: '0' };
    expect((await postWebhook(t.host.url, '/messages', formBody(again))).status).toBe(200);
    await t.received(sid);
    await t.delivery(await t.reply(conversationId, { text: 'Great, here is the update', legId }), 'sent');
    expect(t.twilio.sends).toHaveLength(before + 1);
  });
});
