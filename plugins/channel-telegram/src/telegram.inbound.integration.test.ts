import { describeChannelCommand, describeChannelCommandName } from '@switchboard/events';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURE_BOT_ID, FIXTURE_SECRET, FIXTURE_TOKEN, fixture, type WebhookFixture } from './test-helpers/fixtures';
import { SECOND_BOT_ID, SECOND_TOKEN, startTelegramTestEnv, textUpdate, type TelegramTestEnv } from './test-helpers/telegram-host';

let env: TelegramTestEnv;

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF example photo bytes')]);
const PDF = Buffer.from('%PDF-1.7\n% invoice 1042\n');
const OPUS = Buffer.alloc(96);
OPUS.write('OggS', 0);
OPUS.write('OpusHead', 28);

beforeAll(async () => {
  env = await startTelegramTestEnv();
  env.telegram.addFile('AgACAgQAAxkBAAIB42Zs0001ExamplePhotoLarge-AAMCAAN5AAMzBA', { path: 'photos/file_17.jpg', bytes: JPEG });
  env.telegram.addFile('BQACAgQAAxkBAAIB5GZs0002ExampleDocument-AAMCAAN4AAMzBA', { path: 'documents/file_3.pdf', bytes: PDF });
  env.telegram.addFile('AwACAgQAAxkBAAIB5WZs0003ExampleVoice-AAMCAAN4AAMzBA', { path: 'voice/file_5.oga', bytes: OPUS });
});
afterAll(async () => {
  await env?.stop();
});

const body = (name: string) => fixture<WebhookFixture>(name).body;
const problemCode = async (res: Response) => {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return ((await res.json()) as { code: string }).code;
};

describe('webhook registration', () => {
  it('calls setWebhook for every bot at start, as setWebhook-request.json shows', async () => {
    const documented = fixture<{ body: Record<string, unknown> }>('setWebhook-request.json').body;
    const first = await vi.waitUntil(() => env.telegram.callsOf('setWebhook').find((c) => c.token === FIXTURE_TOKEN), { timeout: 15_000 });
    expect(first.params).toEqual({ ...documented, url: `${env.host.url}/plugins/channel-telegram/webhook/${FIXTURE_BOT_ID}`, secret_token: FIXTURE_SECRET });
    const second = await vi.waitUntil(() => env.telegram.callsOf('setWebhook').find((c) => c.token === SECOND_TOKEN), { timeout: 15_000 });
    expect(second.params.url).toBe(`${env.host.url}/plugins/channel-telegram/webhook/${SECOND_BOT_ID}`);
    expect(second.params.secret_token).toMatch(/^[A-Za-z0-9_-]{20,256}$/);
    expect(second.params.secret_token).not.toBe(FIXTURE_SECRET);
  });
});

describe('accounts', () => {
  it('describes one account per bot, writing to telegram_chat identities with no reply window', async () => {
    const { accounts } = await env.host.bus.request(describeChannelCommandName('channel-telegram'), describeChannelCommand, {});
    expect(accounts).toEqual([
      { id: FIXTURE_BOT_ID, label: 'Example Support', identityType: 'telegram_chat', replyWindowHours: null },
      { id: SECOND_BOT_ID, label: `Telegram bot ${SECOND_BOT_ID}`, identityType: 'telegram_chat', replyWindowHours: null },
    ]);
  });
});

describe('webhook verification', () => {
  it('refuses a missing, wrong or other bot’s secret (401/403), an unknown bot (404), and stores nothing', async () => {
    const spoofed = body('wrong-secret-request.json');
    const url = (botId: string) => `${env.host.url}/plugins/channel-telegram/webhook/${botId}`;
    const post = (botId: string, headers: Record<string, string>) => fetch(url(botId), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(spoofed) });

    const missing = await post(FIXTURE_BOT_ID, {});
    expect(missing.status).toBe(401);
    expect(await problemCode(missing)).toBe('SWB_ERR_TELEGRAM_WEBHOOK_SECRET_MISSING');
    const { invalid_header_values } = fixture<{ invalid_header_values: string[] }>('secret-token-example.json');
    // HTTP strips whitespace around a header value (RFC 9110 §5.5), so "<secret> " arrives as the
    // secret itself; every other wrong value must be refused.
    const wrong = invalid_header_values.filter((value) => value.trim() !== FIXTURE_SECRET);
    expect(wrong).toHaveLength(invalid_header_values.length - 1);
    for (const value of [...wrong, 'wrong-value', env.secrets[SECOND_BOT_ID] as string]) {
      const res = await post(FIXTURE_BOT_ID, { 'X-Telegram-Bot-Api-Secret-Token': value });
      expect(res.status).toBe(403);
      expect(await problemCode(res)).toBe('SWB_ERR_TELEGRAM_WEBHOOK_SECRET_INVALID');
    }
    const unknown = await post('999999', { 'X-Telegram-Bot-Api-Secret-Token': FIXTURE_SECRET });
    expect(unknown.status).toBe(404);
    expect(await problemCode(unknown)).toBe('SWB_ERR_TELEGRAM_UNKNOWN_BOT');

    // Refused before anything was stored or queued: the update never reached the plugin's log.
    expect((await env.loggedUpdates(FIXTURE_BOT_ID)).map((u) => u.update_id)).not.toContain(734521999);
  });

  it('accepts the fixtures’ own request with its secret header', async () => {
    const request = fixture<WebhookFixture>('inbound-text.json');
    const res = await env.postUpdate(FIXTURE_BOT_ID, request.body, request._request.headers);
    expect(res.status).toBe(200);
    const { data } = await env.received('110201543:5551234567:482');
    expect(data.message).toMatchObject({ direction: 'inbound', channel: 'channel-telegram', text: 'Hi! Where is my order #1042?' });
    // The update is marked processed after its message is recorded: the core's event can be out first.
    await expect.poll(async () => (await env.loggedUpdates(FIXTURE_BOT_ID)).find((u) => u.update_id === 734521901)).toMatchObject({ body: JSON.stringify(request.body), processed: true });
  });
});

describe('inbound messages', () => {
  it('records an update once however often Telegram sends it', async () => {
    const update = textUpdate({ updateId: 800001, chatId: 5550000001, messageId: 7, text: 'sent three times' });
    const answers = await Promise.all([1, 2, 3].map(() => env.postUpdate(FIXTURE_BOT_ID, update)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    const { data } = await env.received('110201543:5550000001:7');
    // Updates are processed in order: once this later one is recorded, any copy was handled.
    await env.postUpdate(FIXTURE_BOT_ID, textUpdate({ updateId: 800002, chatId: 5550000001, messageId: 8, text: 'barrier' }));
    await env.received('110201543:5550000001:8');
    expect((await env.postUpdate(FIXTURE_BOT_ID, update)).status).toBe(200);
    const copies = (await env.messages(data.conversationId)).filter((m) => m.providerMessageId === '110201543:5550000001:7');
    expect(copies).toHaveLength(1);
    expect(env.host.events().filter((e) => e.type === 'core.message.received.v1' && (e.data as typeof data).message.providerMessageId === '110201543:5550000001:7')).toHaveLength(1);
  });

  it('downloads the largest photo into attachment storage, never exposing the file URL', async () => {
    expect((await env.postUpdate(FIXTURE_BOT_ID, body('inbound-photo.json'))).status).toBe(200);
    const { data } = await env.received('110201543:5551234567:483');
    expect(data.message.text).toBe('The box arrived crushed');
    expect(data.message.attachments).toEqual([{ id: expect.any(String), name: 'photo-AQADr7sxG1ExampleL.jpg', contentType: 'image/jpeg', size: JPEG.length }]);
    expect(env.telegram.callsOf('getFile').map((c) => c.params.file_id)).toContain('AgACAgQAAxkBAAIB42Zs0001ExamplePhotoLarge-AAMCAAN5AAMzBA');
    expect(env.telegram.downloads).toContain(`/file/bot${FIXTURE_TOKEN}/photos/file_17.jpg`);
    const content = await env.host.request(`/api/v1/attachments/${data.message.attachments[0]?.id}/content`);
    expect(Buffer.from(await content.arrayBuffer()).equals(JPEG)).toBe(true);
    expect(JSON.stringify(env.host.events())).not.toContain(FIXTURE_TOKEN);
  });

  it('downloads a document and a voice note with their names and types', async () => {
    await env.postUpdate(FIXTURE_BOT_ID, body('inbound-document.json'));
    await env.postUpdate(FIXTURE_BOT_ID, body('inbound-voice.json'));
    const document = (await env.received('110201543:5551234567:484')).data.message;
    expect(document).toMatchObject({ text: 'Invoice', attachments: [{ name: 'invoice-1042.pdf', contentType: 'application/pdf', size: PDF.length }] });
    const voice = (await env.received('110201543:5551234567:485')).data.message;
    expect(voice.attachments).toEqual([expect.objectContaining({ name: 'voice-AgADExampleVoice.ogg', size: OPUS.length, contentType: expect.stringMatching(/^audio\/ogg/) })]);
  });

  it('records a file Telegram will not hand out with a note instead of the file', async () => {
    const update = structuredClone(body('inbound-document.json')) as { update_id: number; message: { message_id: number; document: { file_id: string } } };
    update.update_id = 800010;
    update.message.message_id = 900;
    update.message.document.file_id = 'BQAC-unknown-file';
    await env.postUpdate(FIXTURE_BOT_ID, update);
    const { message } = (await env.received('110201543:5551234567:900')).data;
    expect(message.attachments).toEqual([]);
    expect(message.text).toBe('Invoice\n[attachment not stored: invoice-1042.pdf (Telegram getFile: 400 Bad Request: invalid file_id)]');
  });

  it('maps a location and a reply', async () => {
    await env.postUpdate(FIXTURE_BOT_ID, body('inbound-location.json'));
    expect((await env.received('110201543:5551234567:486')).data.message).toMatchObject({ text: '', content: { location: { latitude: 38.897701, longitude: -77.036501 } } });
    await env.postUpdate(FIXTURE_BOT_ID, body('inbound-reply.json'));
    expect((await env.received('110201543:5551234567:488')).data.message.text).toBe('Yes, that one');
  });

  it('links the phone of a contact the user shared of themself to their contact', async () => {
    await env.postUpdate(FIXTURE_BOT_ID, body('inbound-contact.json'));
    const { data } = await env.received('110201543:5551234567:487');
    expect(data.message.content).toEqual({ contacts: [{ name: 'Dana Example', phones: ['+12025550143'], emails: [] }] });
    const conversation = (await (await env.host.request(`/api/v1/conversations/${data.conversationId}`)).json()) as { contactId: string };
    const contact = (await (await env.host.request(`/api/v1/contacts/${conversation.contactId}`)).json()) as { identities: Array<{ type: string; value: string }> };
    expect(contact.identities).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'telegram_chat', value: '5551234567' }), expect.objectContaining({ type: 'phone', value: '+12025550143' })]),
    );
  });

  it('records an edit as a new message answering the original, and /start with its payload', async () => {
    await env.postUpdate(FIXTURE_BOT_ID, body('edited-message.json'));
    expect((await env.received('110201543:5551234567:482:edit:1795352790')).data.message.text).toBe('(edited) Hi! Where is my order #1043?');
    await env.postUpdate(FIXTURE_BOT_ID, body('inbound-command-start.json'));
    expect((await env.received('110201543:5551234567:481')).data.message.text).toBe('/start ref_campaign42');
  });

  it('acknowledges a blocked-bot update without recording a message', async () => {
    const receivedCount = () => env.host.events().filter((e) => e.type === 'core.message.received.v1').length;
    const before = receivedCount();
    expect((await env.postUpdate(FIXTURE_BOT_ID, body('my-chat-member-blocked.json'))).status).toBe(200);
    await env.postUpdate(FIXTURE_BOT_ID, textUpdate({ updateId: 800020, chatId: 5550000002, messageId: 1, text: 'barrier' }));
    await env.received('110201543:5550000002:1');
    expect(receivedCount()).toBe(before + 1);
    expect((await env.loggedUpdates(FIXTURE_BOT_ID)).find((u) => u.update_id === 734521910)?.processed).toBe(true);
  });

  it('serves the second bot on its own route, account and secret', async () => {
    const res = await env.postUpdate(SECOND_BOT_ID, textUpdate({ updateId: 1, chatId: 5551234567, messageId: 1, text: 'hello second bot' }));
    expect(res.status).toBe(200);
    const { data } = await env.received(`${SECOND_BOT_ID}:5551234567:1`);
    expect(data.message.text).toBe('hello second bot');
  });
});

describe('webhook bodies, fuzzed against the running server', () => {
  it('answers 200 to anything carrying the right secret, and stores none of it', async () => {
    const before = (await env.loggedUpdates(FIXTURE_BOT_ID)).length;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value)), fc.string({ unit: 'binary', maxLength: 300 })), async (text) => {
        const res = await env.postUpdate(FIXTURE_BOT_ID, text);
        expect(res.status).toBe(200);
      }),
      { numRuns: 60 },
    );
    expect((await env.loggedUpdates(FIXTURE_BOT_ID)).length).toBe(before);
  });
});
