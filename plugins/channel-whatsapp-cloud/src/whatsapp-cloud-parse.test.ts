import { describe, expect, it } from 'vitest';
import { fixtureText } from './test-helpers/fixtures';
import { withMessage } from './test-helpers/payloads';
import { parseWhatsAppWebhook, type ParsedMessage, type ParsedStatus } from './whatsapp-cloud-parse';

const DANA = { type: 'whatsapp', value: '+12025550143' };

function onlyMessage(body: string): ParsedMessage {
  const { items, skipped } = parseWhatsAppWebhook(body);
  expect(skipped).toEqual([]);
  expect(items).toHaveLength(1);
  expect(items[0]!.kind).toBe('message');
  return items[0] as ParsedMessage;
}
const fromFixture = (name: string) => onlyMessage(fixtureText(name));
const fromMessage = (message: Record<string, unknown>) => onlyMessage(JSON.stringify(withMessage(message)));

describe('parseWhatsAppWebhook: messages', () => {
  it('maps a text message: thread and identity are +wa_id, the phone and BSUID are verified, raw kept', () => {
    const parsed = fromFixture('inbound-text.json');
    expect(parsed.account).toBe('106540352242922');
    expect(parsed.sentAt).toBe(1795352700_000);
    expect(parsed.media).toBeNull();
    expect(parsed.record).toMatchObject({
      account: '106540352242922',
      thread: '+12025550143',
      providerMessageId: 'wamid.HBgLMTIwMjU1NTAxNDMVAgASGBQzQTdGMDlCQzFEMjM0NTY3ODlBQgA=',
      text: 'Hi! Where is my order #1042?',
      replyToProviderMessageId: null,
      from: {
        identity: DANA,
        name: 'Dana Example',
        verified: [
          { type: 'phone', value: '+12025550143' },
          { type: 'whatsapp_user', value: 'US.1029384756102938475' },
        ],
      },
    });
    expect(parsed.record.raw).toMatchObject({ metadata: { phone_number_id: '106540352242922' }, contact: { wa_id: '12025550143' }, message: { type: 'text' } });
  });

  it('reads the escaped-unicode body Meta signs', () => {
    const parsed = onlyMessage(fixtureText('inbound-text-escaped-unicode.raw'));
    expect(parsed.record.text).toBe('¿Dónde está mi pedido?');
    expect(parsed.record.from.name).toBe('José Ejemplo');
    expect(parsed.record.thread).toBe('+12025550144');
  });

  it('identifies a username-only user by BSUID, with no phone', () => {
    const parsed = fromFixture('inbound-text-username-only.json');
    expect(parsed.record.thread).toBe('US.5647382910564738291');
    expect(parsed.record.from).toEqual({
      identity: { type: 'whatsapp_user', value: 'US.5647382910564738291' },
      name: 'Sam',
      verified: [],
      attributes: { whatsappUsername: '@sam.example' },
    });
  });

  it('maps a reply with context onto replyToProviderMessageId', () => {
    const parsed = fromFixture('inbound-reply-with-context.json');
    expect(parsed.record.text).toBe('Yes, that address is right');
    expect(parsed.record.replyToProviderMessageId).toBe('wamid.HBgLMTIwMjU1NTAxNDMVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA');
  });

  it('maps an image and a document to media to download, the caption as text', () => {
    const image = fromFixture('inbound-image.json');
    expect(image.record.text).toBe('The box arrived crushed');
    expect(image.media).toEqual({ id: '1234567890123456', type: 'image', mimeType: 'image/jpeg', filename: null });
    const document = fromFixture('inbound-document.json');
    expect(document.record.text).toBe('Invoice');
    expect(document.media).toEqual({ id: '2345678901234567', type: 'document', mimeType: 'application/pdf', filename: 'invoice-1042.pdf' });
  });

  it('maps audio, video and stickers to media too', () => {
    for (const type of ['audio', 'video', 'sticker']) {
      const parsed = fromMessage({ id: `wamid.${type}`, type, [type]: { id: '99887766', mime_type: `${type}/x`, voice: true } });
      expect(parsed.media).toEqual({ id: '99887766', type, mimeType: `${type}/x`, filename: null });
      expect(parsed.record.text).toBe('');
    }
  });

  it('maps a location to content.location, its name and address as text', () => {
    const parsed = fromFixture('inbound-location.json');
    expect(parsed.record.content).toEqual({
      location: { latitude: 38.8977, longitude: -77.0365, name: 'Pickup point', address: '1600 Pennsylvania Ave NW, Washington, DC' },
    });
    expect(parsed.record.text).toBe('Pickup point, 1600 Pennsylvania Ave NW, Washington, DC');
  });

  it('maps shared contacts to content.contacts, never to identities', () => {
    const parsed = fromMessage({
      id: 'wamid.contacts',
      type: 'contacts',
      contacts: [{ name: { formatted_name: 'Ana Example', first_name: 'Ana' }, phones: [{ phone: '+1 202 555 0177', wa_id: '12025550177', type: 'CELL' }], emails: [{ email: 'ana@example.com' }] }],
    });
    expect(parsed.record.content).toEqual({ contacts: [{ name: 'Ana Example', phones: ['+1 202 555 0177'], emails: ['ana@example.com'] }] });
    expect(parsed.record.from.verified).not.toContainEqual(expect.objectContaining({ value: '+12025550177' }));
    expect(parsed.record.text).toBe('Ana Example');
  });

  it('maps button and list replies and template quick replies to content.postback', () => {
    const button = fromMessage({ id: 'wamid.b', type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'TRACK', title: 'Track order' } } });
    expect(button.record).toMatchObject({ text: 'Track order', content: { postback: { payload: 'TRACK', title: 'Track order' } } });
    const list = fromMessage({ id: 'wamid.l', type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'RET', title: 'Return', description: 'Start a return' } } });
    expect(list.record).toMatchObject({ text: 'Return', content: { postback: { payload: 'RET', title: 'Return' } } });
    const template = fromMessage({ id: 'wamid.t', type: 'button', button: { payload: 'STOP_PROMOS', text: 'Stop promotions' } });
    expect(template.record).toMatchObject({ text: 'Stop promotions', content: { postback: { payload: 'STOP_PROMOS', title: 'Stop promotions' } } });
  });

  it('maps a reaction (and its removal) to content.reaction on the reacted message', () => {
    const target = 'wamid.HBgLMTIwMjU1NTAxNDMVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA';
    const reacted = fromMessage({ id: 'wamid.r1', type: 'reaction', reaction: { message_id: target, emoji: '👍' } });
    expect(reacted.record).toMatchObject({ text: '👍', content: { reaction: { emoji: '👍' } }, replyToProviderMessageId: target });
    const removed = fromMessage({ id: 'wamid.r2', type: 'reaction', reaction: { message_id: target } });
    expect(removed.record).toMatchObject({ text: '', content: { reaction: { emoji: '' } }, replyToProviderMessageId: target });
  });

  it('links a changed number to the same person', () => {
    const parsed = fromMessage({ id: 'wamid.s', type: 'system', system: { body: 'User A changed from 12025550143 to 12025550188', wa_id: '12025550188', type: 'user_changed_number' } });
    expect(parsed.record.text).toBe('User A changed from 12025550143 to 12025550188');
    expect(parsed.record.from.identity).toEqual(DANA);
    expect(parsed.record.from.verified).toEqual(expect.arrayContaining([{ type: 'phone', value: '+12025550188' }, { type: 'whatsapp', value: '+12025550188' }]));
  });

  it('keeps unknown types with a placeholder and the raw payload', () => {
    const parsed = fromMessage({ id: 'wamid.u', type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown' }] });
    expect(parsed.record.text).toBe('[WhatsApp unsupported message, not shown in the inbox: Message type unknown]');
    expect(parsed.record.raw).toMatchObject({ message: { type: 'unsupported' } });
  });

  it('keeps the valid messages of a batch and skips a malformed one whole', () => {
    const payload = withMessage({ id: 'wamid.ok', type: 'text', text: { body: 'fine' } }) as { entry: Array<{ changes: Array<{ value: { messages: unknown[] } }> }> };
    payload.entry[0]!.changes[0]!.value.messages.push({ id: 'wamid.bad', type: 'text', timestamp: 'yesterday', from: '12025550143', text: { body: 'x' } });
    payload.entry[0]!.changes[0]!.value.messages.push({ id: 'wamid.loc', type: 'location', timestamp: '1', from: '12025550143', location: { latitude: 123, longitude: 0 } });
    const { items, skipped } = parseWhatsAppWebhook(JSON.stringify(payload));
    expect(items.map((i) => (i as ParsedMessage).record.providerMessageId)).toEqual(['wamid.ok']);
    expect(skipped).toHaveLength(2);
    expect(skipped.join(' ')).not.toContain('12025550143');
  });

  it('yields nothing for bodies that are not WhatsApp notifications', () => {
    for (const body of ['', 'not json', '[]', 'null', '{"object":"page","entry":[]}', '{"object":"whatsapp_business_account"}']) {
      expect(parseWhatsAppWebhook(body).items).toEqual([]);
    }
  });
});

describe('parseWhatsAppWebhook: statuses', () => {
  it.each([
    ['status-sent.json', 'sent'],
    ['status-delivered.json', 'delivered'],
    ['status-read.json', 'read'],
  ])('maps %s to %s', (fixture, state) => {
    const { items } = parseWhatsAppWebhook(fixtureText(fixture));
    expect(items).toEqual([{ kind: 'status', account: '106540352242922', providerMessageId: 'wamid.HBgLMTIwMjU1NTAxNDMVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA', state, error: null }]);
  });

  it('maps a failed status with WhatsApp’s code and reason (131047: outside the window, permanent)', () => {
    const [status] = parseWhatsAppWebhook(fixtureText('status-failed-131047.json')).items as ParsedStatus[];
    expect(status).toMatchObject({ state: 'failed', providerMessageId: 'wamid.HBgLMTIwMjU1NTAxNDMVAgARGBIzRjFBMjM0NUI2Nzg5MEFCQ0QA' });
    expect(status!.error).toEqual({
      code: 'whatsapp_131047',
      retryable: false,
      message: expect.stringContaining('Message failed to send because more than 24 hours have passed since the customer last replied to this number.'),
    });
    expect(status!.error!.message).toMatch(/^WhatsApp error 131047: Re-engagement message/);
  });
});
