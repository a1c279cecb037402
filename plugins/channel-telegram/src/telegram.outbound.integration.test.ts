import type { Message } from '@switchboard/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_BOT_ID, FIXTURE_TOKEN, fixture } from './test-helpers/fixtures';
import { SECOND_BOT_ID, SECOND_TOKEN, startTelegramTestEnv, textUpdate, type TelegramTestEnv } from './test-helpers/telegram-host';
import type { RecordedCall } from './test-helpers/telegram-stand-in';

type ErrorFixture = { status: number; body: unknown };

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF return label')]);
let nextUpdate = 900_000;

/** A customer of `chatId` writes to a bot; returns the conversation it lands in. */
async function customerWrites(env: TelegramTestEnv, chatId: number, botId = FIXTURE_BOT_ID): Promise<string> {
  nextUpdate += 1;
  await env.postUpdate(botId, textUpdate({ updateId: nextUpdate, chatId, messageId: nextUpdate, text: 'hello' }));
  return (await env.received(`${botId}:${chatId}:${nextUpdate}`)).data.conversationId;
}

async function upload(env: TelegramTestEnv, bytes: Buffer, name: string, type: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  const res = await env.host.request('/api/v1/attachments', { method: 'POST', body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const sendsOf = (env: TelegramTestEnv, text: string): RecordedCall[] => env.telegram.calls.filter((c) => c.params.text === text || c.params.caption === text);

describe('outbound through the Bot API', () => {
  let env: TelegramTestEnv;
  beforeAll(async () => {
    env = await startTelegramTestEnv();
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('sends a reply as sendMessage (sendMessage-request.json) and records the message id as sent', async () => {
    const documented = fixture<{ body: Record<string, unknown> }>('sendMessage-request.json').body;
    const conversationId = await customerWrites(env, 5551234567);
    const reply = await env.reply(conversationId, { text: documented.text });
    const sent = await env.delivery(reply.id, 'sent');
    const [call] = sendsOf(env, String(documented.text));
    expect(call).toMatchObject({ token: FIXTURE_TOKEN, method: 'sendMessage', contentType: 'application/json', params: { chat_id: documented.chat_id, text: documented.text } });
    expect(sent.data.providerMessageId).toMatch(/^110201543:5551234567:\d+$/);
  });

  it('uploads a photo with the text as caption (multipart sendPhoto)', async () => {
    const conversationId = await customerWrites(env, 5551234567);
    const attachmentId = await upload(env, JPEG, 'label-1042.jpg', 'image/jpeg');
    const reply = await env.reply(conversationId, { text: 'Your return label', attachmentIds: [attachmentId] });
    await env.delivery(reply.id, 'sent');
    const [call] = sendsOf(env, 'Your return label');
    expect(call?.method).toBe('sendPhoto');
    expect(call?.contentType).toMatch(/^multipart\/form-data/);
    expect(call?.params).toEqual({ chat_id: 5551234567, caption: 'Your return label' });
    expect(call?.files.photo?.name).toBe('label-1042.jpg');
    expect(call?.files.photo?.bytes.equals(JPEG)).toBe(true);
  });

  it('offers quick replies as inline buttons and records a tap as the postback, answering the callback', async () => {
    const conversationId = await customerWrites(env, 5551234567);
    const quickReplies = [{ title: 'Talk to a human', payload: 'handoff_human' }, { title: 'Track my order', payload: 'track:1042' }];
    const offer = await env.reply(conversationId, { text: 'How can we help?', content: { quickReplies } });
    const sent = await env.delivery(offer.id, 'sent');
    const [call] = sendsOf(env, 'How can we help?');
    const keyboard = (call?.params.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard;
    expect(keyboard.flat().map((b) => b.text)).toEqual(['Talk to a human', 'Track my order']);

    const tapped = keyboard[0]?.[0] as { callback_data: string };
    const messageId = Number(sent.data.providerMessageId?.split(':')[2]);
    const dana = { id: 5551234567, is_bot: false, first_name: 'Dana' };
    await env.postUpdate(FIXTURE_BOT_ID, {
      update_id: 900_500,
      callback_query: { id: 'cbq-900500', from: dana, message: { message_id: messageId, chat: { id: 5551234567, type: 'private' }, date: 1795352800, text: 'How can we help?' }, chat_instance: '-1', data: tapped.callback_data },
    });
    const { data } = await env.received(`${FIXTURE_BOT_ID}:callback:cbq-900500`);
    expect(data.message).toMatchObject({ text: 'Talk to a human', content: { postback: { payload: 'handoff_human', title: 'Talk to a human' } }, replyToMessageId: offer.id });
    expect(env.telegram.callsOf('answerCallbackQuery').map((c) => c.params)).toContainEqual({ callback_query_id: 'cbq-900500' });
  });

  it('waits out a short 429 retry_after and sends again', async () => {
    const conversationId = await customerWrites(env, 5550000201);
    env.telegram.answerNext('sendMessage', { status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } } });
    const reply = await env.reply(conversationId, { text: 'after a short flood wait' });
    await env.delivery(reply.id, 'sent');
    expect(sendsOf(env, 'after a short flood wait')).toHaveLength(2);
  });

  it('honours a long retry_after without calling Telegram again, then fails with the reason', async () => {
    const conversationId = await customerWrites(env, 5550000202);
    const flood = fixture<ErrorFixture>('error-429-too-many-requests.json');
    env.telegram.answerNext('sendMessage', flood);
    const reply = await env.reply(conversationId, { text: 'during a long flood wait' });
    const failed = await env.delivery(reply.id, 'failed');
    expect(failed.data.error).toMatchObject({ code: 'telegram_429', retryable: true, message: expect.stringContaining('retry after') });
    expect(sendsOf(env, 'during a long flood wait')).toHaveLength(1);
  });

  it('retries a 5xx and sends once it recovers', async () => {
    const conversationId = await customerWrites(env, 5550000203);
    env.telegram.answerNext('sendMessage', { status: 502, body: { ok: false, error_code: 502, description: 'Bad Gateway' } });
    const reply = await env.reply(conversationId, { text: 'through a 502' });
    await env.delivery(reply.id, 'sent');
    expect(sendsOf(env, 'through a 502')).toHaveLength(2);
  });

  it('fails at once when the user blocked the bot or never started it, showing Telegram’s reason on the message', async () => {
    const conversationId = await customerWrites(env, 5550000204);
    for (const [name, expected] of [
      ['error-403-blocked.json', { code: 'telegram_403', text: 'Forbidden: bot was blocked by the user' }],
      ['error-400-chat-not-found.json', { code: 'telegram_400', text: 'Bad Request: chat not found' }],
    ] as const) {
      env.telegram.answerNext('sendMessage', fixture<ErrorFixture>(name));
      const reply = await env.reply(conversationId, { text: `refused: ${name}` });
      await env.delivery(reply.id, 'failed');
      expect(sendsOf(env, `refused: ${name}`)).toHaveLength(1);
      const stored = (await env.messages(conversationId)).find((m: Message) => m.id === reply.id);
      expect(stored?.delivery).toEqual({ state: 'failed', error: { code: expected.code, retryable: false, message: expect.stringContaining(expected.text) } });
    }
  });

  it('resends only the part that failed when a message takes several calls', async () => {
    const conversationId = await customerWrites(env, 5550000205);
    const attachmentId = await upload(env, JPEG, 'proof.jpg', 'image/jpeg');
    const text = `long caption ${'x'.repeat(1100)}`;
    env.telegram.answerNext('sendPhoto', { status: 500, body: { ok: false, error_code: 500, description: 'Internal Server Error' } });
    const reply = await env.reply(conversationId, { text, attachmentIds: [attachmentId] });
    await env.delivery(reply.id, 'sent');
    expect(sendsOf(env, text)).toHaveLength(1);
    expect(env.telegram.callsOf('sendPhoto').filter((c) => c.files.photo?.name === 'proof.jpg')).toHaveLength(2);
  });

  it('answers through the bot the customer wrote to', async () => {
    const conversationId = await customerWrites(env, 5550000206, SECOND_BOT_ID);
    const reply = await env.reply(conversationId, { text: 'from the second bot' });
    const sent = await env.delivery(reply.id, 'sent');
    expect(sendsOf(env, 'from the second bot').map((c) => c.token)).toEqual([SECOND_TOKEN]);
    expect(sent.data.providerMessageId).toMatch(new RegExp(`^${SECOND_BOT_ID}:5550000206:`));
  });
});

describe('outbound with media by URL and a reply keyboard', () => {
  let env: TelegramTestEnv;
  beforeAll(async () => {
    env = await startTelegramTestEnv({ outboundMedia: 'url', quickReplies: 'reply' });
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('hands Telegram the signed attachment URL, as sendPhoto-by-url-request.json shows', async () => {
    const documented = fixture<{ body: Record<string, unknown> }>('sendPhoto-by-url-request.json').body;
    const conversationId = await customerWrites(env, 5551234567);
    const attachmentId = await upload(env, JPEG, '1042.jpg', 'image/jpeg');
    const reply = await env.reply(conversationId, { text: documented.caption, attachmentIds: [attachmentId] });
    await env.delivery(reply.id, 'sent');
    const [call] = sendsOf(env, String(documented.caption));
    expect(Object.keys(call?.params ?? {}).sort()).toEqual(Object.keys(documented).sort());
    expect(call?.params.photo).toEqual(expect.stringContaining(`/api/v1/attachments/${attachmentId}/content?`));
    const download = await fetch(String(call?.params.photo));
    expect(Buffer.from(await download.arrayBuffer()).equals(JPEG)).toBe(true);
  });

  it('offers a one-time reply keyboard and maps the typed title back to its payload', async () => {
    const conversationId = await customerWrites(env, 5551234567);
    const reply = await env.reply(conversationId, { text: 'Did that help?', content: { quickReplies: [{ title: 'Yes, thanks', payload: 'csat:yes' }] } });
    await env.delivery(reply.id, 'sent');
    expect(sendsOf(env, 'Did that help?')[0]?.params.reply_markup).toEqual({ keyboard: [[{ text: 'Yes, thanks' }]], one_time_keyboard: true, resize_keyboard: true });
    await env.postUpdate(FIXTURE_BOT_ID, textUpdate({ updateId: 950_001, chatId: 5551234567, messageId: 950_001, text: 'Yes, thanks' }));
    const { data } = await env.received(`${FIXTURE_BOT_ID}:5551234567:950001`);
    expect(data.message).toMatchObject({ text: 'Yes, thanks', content: { postback: { payload: 'csat:yes', title: 'Yes, thanks' } } });
  });
});
