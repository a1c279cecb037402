import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { FIXTURE_BOT_ID, fixture, type WebhookFixture } from './test-helpers/fixtures';
import { mapTelegramUpdate, toE164, type TelegramInboundMessage } from './telegram-update-map';
import { TelegramUpdateSchema } from './telegram-update-schemas';

function mapFixture(name: string) {
  const { body } = fixture<WebhookFixture>(name);
  return mapTelegramUpdate(v.parse(TelegramUpdateSchema, body), body, FIXTURE_BOT_ID);
}

function messageOf(name: string): TelegramInboundMessage {
  const inbound = mapFixture(name);
  if (inbound.kind !== 'message') throw new Error(`${name} was ignored: ${inbound.reason}`);
  return inbound.message;
}

const DANA = { identity: { type: 'telegram_chat', value: '5551234567' }, name: 'Dana Example', verified: [], attributes: { telegram_username: 'dana_example' } };

describe('mapTelegramUpdate: messages of the fixtures', () => {
  it('maps a text message onto the private chat, with the bot-scoped message id and the raw update', () => {
    const message = messageOf('inbound-text.json');
    expect(message).toEqual({
      thread: '5551234567',
      from: DANA,
      providerMessageId: '110201543:5551234567:482',
      text: 'Hi! Where is my order #1042?',
      media: [],
      quickReply: { by: 'title', title: 'Hi! Where is my order #1042?' },
      raw: fixture<WebhookFixture>('inbound-text.json').body,
    });
  });

  it('keeps a /start deep link as the text', () => {
    expect(messageOf('inbound-command-start.json').text).toBe('/start ref_campaign42');
  });

  it('takes the largest photo size, with the caption as text', () => {
    const message = messageOf('inbound-photo.json');
    expect(message.text).toBe('The box arrived crushed');
    expect(message.media).toEqual([
      { fileId: 'AgACAgQAAxkBAAIB42Zs0001ExamplePhotoLarge-AAMCAAN5AAMzBA', fileUniqueId: 'AQADr7sxG1ExampleL', filename: 'photo-AQADr7sxG1ExampleL.jpg', mimeType: 'image/jpeg', size: 98213 },
    ]);
  });

  it('maps a document and a voice note to downloads with their names and types', () => {
    expect(messageOf('inbound-document.json')).toMatchObject({
      text: 'Invoice',
      media: [{ fileId: 'BQACAgQAAxkBAAIB5GZs0002ExampleDocument-AAMCAAN4AAMzBA', filename: 'invoice-1042.pdf', mimeType: 'application/pdf', size: 48211 }],
    });
    expect(messageOf('inbound-voice.json')).toMatchObject({ text: '', media: [{ filename: 'voice-AgADExampleVoice.ogg', mimeType: 'audio/ogg', size: 21544 }] });
  });

  it('maps a location to content.location with empty text', () => {
    const message = messageOf('inbound-location.json');
    expect(message.text).toBe('');
    expect(message.content).toEqual({ location: { latitude: 38.897701, longitude: -77.036501 } });
  });

  it('treats a contact the user shared of themself as their verified phone, and as content', () => {
    const message = messageOf('inbound-contact.json');
    expect(message.from.verified).toEqual([{ type: 'phone', value: '+12025550143' }]);
    expect(message.content).toEqual({ contacts: [{ name: 'Dana Example', phones: ['+12025550143'], emails: [] }] });
  });

  it('keeps a contact of someone else as content only', () => {
    const { body } = fixture<WebhookFixture>('inbound-contact.json');
    const other = structuredClone(body) as { message: { contact: Record<string, unknown> } };
    other.message.contact = { phone_number: '12025550188', first_name: 'Sam', user_id: 5559999999 };
    const inbound = mapTelegramUpdate(v.parse(TelegramUpdateSchema, other), other, FIXTURE_BOT_ID);
    expect(inbound.kind === 'message' && inbound.message.from.verified).toEqual([]);
    expect(inbound.kind === 'message' && inbound.message.content?.contacts).toEqual([{ name: 'Sam', phones: ['12025550188'], emails: [] }]);
  });

  it('points a reply at the replied-to message of the same chat and bot', () => {
    expect(messageOf('inbound-reply.json')).toMatchObject({ text: 'Yes, that one', replyToProviderMessageId: '110201543:5551234567:490' });
  });

  it('records an edit as a new message answering the original', () => {
    const message = messageOf('edited-message.json');
    expect(message).toMatchObject({
      providerMessageId: '110201543:5551234567:482:edit:1795352790',
      replyToProviderMessageId: '110201543:5551234567:482',
      text: '(edited) Hi! Where is my order #1043?',
    });
    expect(message.quickReply).toBeUndefined();
  });

  it('maps a button tap to a postback answering the bot’s message, to be acknowledged', () => {
    const message = messageOf('callback-query.json');
    expect(message).toMatchObject({
      thread: '5551234567',
      providerMessageId: '110201543:callback:4382bfdwdsb323b2d9',
      replyToProviderMessageId: '110201543:5551234567:491',
      text: 'handoff_human',
      content: { postback: { payload: 'handoff_human' } },
      quickReply: { by: 'token', token: 'handoff_human' },
      callbackQueryId: '4382bfdwdsb323b2d9',
    });
    expect(message.from.identity).toEqual({ type: 'telegram_chat', value: '5551234567' });
  });
});

describe('mapTelegramUpdate: what it ignores', () => {
  it('ignores the bot being blocked (my_chat_member), saying so', () => {
    expect(mapFixture('my-chat-member-blocked.json')).toEqual({ kind: 'ignored', reason: 'the user blocked the bot' });
  });

  it('ignores group chats and messages of bots', () => {
    const { body } = fixture<WebhookFixture>('inbound-text.json');
    const group = structuredClone(body) as { message: { chat: { id: number; type: string }; from: { is_bot: boolean } } };
    group.message.chat = { id: -100123, type: 'supergroup' };
    expect(mapTelegramUpdate(v.parse(TelegramUpdateSchema, group), group, FIXTURE_BOT_ID).kind).toBe('ignored');
    const fromBot = structuredClone(body) as typeof group;
    fromBot.message.from.is_bot = true;
    expect(mapTelegramUpdate(v.parse(TelegramUpdateSchema, fromBot), fromBot, FIXTURE_BOT_ID).kind).toBe('ignored');
  });

  it('shows a poll as a placeholder instead of dropping it', () => {
    const { body } = fixture<WebhookFixture>('inbound-text.json');
    const poll = structuredClone(body) as { message: Record<string, unknown> };
    delete poll.message.text;
    poll.message.poll = { id: '1', question: 'Which?' };
    const inbound = mapTelegramUpdate(v.parse(TelegramUpdateSchema, poll), poll, FIXTURE_BOT_ID);
    expect(inbound.kind === 'message' && inbound.message.text).toBe('[Telegram poll: not shown in Switchboard]');
  });
});

describe('toE164', () => {
  it('adds the plus and drops separators; refuses what cannot be a number', () => {
    expect(toE164('12025550143')).toBe('+12025550143');
    expect(toE164('+1 (202) 555-0143')).toBe('+12025550143');
    expect(toE164('0123')).toBeNull();
    expect(toE164('call me')).toBeNull();
  });
});
