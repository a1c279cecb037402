import type { Message } from '@switchboard/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TOKEN, fixtureSignature, jsonFixture, rawFixture } from './test-helpers/fixtures';
import { SECOND_TOKEN, messageCallback, startViberTestEnv, type ViberTestEnv } from './test-helpers/viber-host';
import type { RecordedViberCall } from './test-helpers/viber-stand-in';

let env: ViberTestEnv;
let nextToken = 5741311803571740000n;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF return label')]);

beforeAll(async () => {
  env = await startViberTestEnv();
});
afterAll(async () => {
  await env?.stop();
});

/** A customer writes to a bot; returns the conversation it lands in. */
async function customerWrites(userId: string, bot = 'support', timestamp = Date.now()): Promise<string> {
  nextToken += 1n;
  const token = String(nextToken);
  await env.postCallback(bot, messageCallback({ token, userId, message: { type: 'text', text: 'hello' }, timestamp }));
  return (await env.received(token)).data.conversationId;
}

async function upload(bytes: Buffer, name: string, type: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  const res = await env.host.request('/api/v1/attachments', { method: 'POST', body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const sendsTo = (receiver: string): RecordedViberCall[] => env.viber.callsOf('send_message').filter((c) => c.body.receiver === receiver);
const sendsWith = (text: string): RecordedViberCall[] => env.viber.callsOf('send_message').filter((c) => c.body.text === text);
const okWithToken = (token: string) => ({ body: `{"status":0,"status_message":"ok","message_token":${token},"chat_hostname":"SN-CHAT-05_","billing_status":1}` });

describe('outbound through send_message', () => {
  let conversationId: string;
  beforeAll(async () => {
    await env.postCallback('support', rawFixture('inbound-text.raw'), { 'X-Viber-Content-Signature': fixtureSignature('inbound-text.raw') });
    conversationId = (await env.received('5741311803571721090')).data.conversationId;
  });

  it('sends a reply as send-text-request.json shows and records Viber’s exact 64-bit token', async () => {
    const documented = jsonFixture<{ body: Record<string, unknown> }>('send-text-request.json').body;
    env.viber.answerNext('send_message', { body: rawFixture('send-response-ok.raw') });
    const reply = await env.reply(conversationId, { text: documented.text });
    const sent = await env.delivery(reply.id, 'sent');
    expect(sent.data.providerMessageId).toBe('5741311803571721187');
    const [call] = sendsWith(String(documented.text));
    expect(call?.token).toBe(FIXTURE_TOKEN);
    expect(call?.body).toEqual({ ...documented, tracking_data: conversationId });
  });

  it('applies delivered and seen receipts (delivered.raw, seen.raw) to that message', async () => {
    const sent = (await env.messages(conversationId)).find((m: Message) => m.providerMessageId === '5741311803571721187') as Message;
    await env.postCallback('support', rawFixture('delivered.raw'), { 'X-Viber-Content-Signature': fixtureSignature('delivered.raw') });
    await env.delivery(sent.id, 'delivered');
    await env.postCallback('support', rawFixture('seen.raw'), { 'X-Viber-Content-Signature': fixtureSignature('seen.raw') });
    await env.delivery(sent.id, 'read');
  });

  it('fails a message on a failed receipt (failed.raw), with Viber’s description', async () => {
    env.viber.answerNext('send_message', okWithToken('5741311803571721188'));
    const reply = await env.reply(conversationId, { text: 'this one will fail' });
    await env.delivery(reply.id, 'sent');
    await env.postCallback('support', rawFixture('failed.raw'), { 'X-Viber-Content-Signature': fixtureSignature('failed.raw') });
    const failed = await env.delivery(reply.id, 'failed');
    expect(failed.data.error).toEqual({ code: 'viber_failed', message: 'Viber could not deliver the message: failure description', retryable: false });
  });

  it('treats seen as a watermark: every earlier message to the user is read', async () => {
    const user = 'watermark-user==';
    const thread = await customerWrites(user);
    const first = await env.reply(thread, { text: 'first of two' });
    const firstSent = await env.delivery(first.id, 'sent');
    const second = await env.reply(thread, { text: 'second of two' });
    const secondSent = await env.delivery(second.id, 'sent');
    expect(firstSent.data.providerMessageId).not.toBe(secondSent.data.providerMessageId);
    await env.postCallback('support', `{"event":"seen","timestamp":${Date.now()},"chat_hostname":"SN-CALLBACK-02_","message_token":${secondSent.data.providerMessageId},"user_id":"${user}"}`);
    await env.delivery(first.id, 'read');
    await env.delivery(second.id, 'read');
  });

  it('sends a picture and a file by their signed URLs (send-picture-request.json, send-file-request.json)', async () => {
    const picture = jsonFixture<{ body: Record<string, unknown> }>('send-picture-request.json').body;
    const photoId = await upload(JPEG, '1042.jpg', 'image/jpeg');
    const withPhoto = await env.reply(conversationId, { text: picture.text, attachmentIds: [photoId] });
    await env.delivery(withPhoto.id, 'sent');
    const [photoCall] = sendsWith(String(picture.text));
    expect(photoCall?.body).toMatchObject({ receiver: picture.receiver, type: 'picture', text: picture.text, media: expect.stringContaining(`/api/v1/attachments/${photoId}/content?`) });
    expect(Object.keys(photoCall?.body ?? {}).filter((key) => !(key in picture) && key !== 'tracking_data')).toEqual([]);
    const download = await fetch(String(photoCall?.body.media));
    expect(Buffer.from(await download.arrayBuffer()).equals(JPEG)).toBe(true);

    const file = jsonFixture<{ body: Record<string, unknown> }>('send-file-request.json').body;
    const pdf = Buffer.from('%PDF-1.7\n% invoice\n');
    const pdfId = await upload(pdf, String(file.file_name), 'application/pdf');
    const withFile = await env.reply(conversationId, { attachmentIds: [pdfId] });
    await env.delivery(withFile.id, 'sent');
    const fileCall = env.viber.callsOf('send_message').find((c) => c.body.file_name === file.file_name);
    expect(fileCall?.body).toMatchObject({ type: 'file', size: pdf.length, file_name: file.file_name, sender: file.sender, min_api_version: 1 });
    expect(Object.keys(fileCall?.body ?? {}).sort()).toEqual([...Object.keys(file), 'tracking_data'].sort());
  });

  it('offers quick replies as a keyboard and maps the tapped button back to its payload', async () => {
    const user = 'keyboard-user==';
    const thread = await customerWrites(user);
    const offer = await env.reply(thread, { text: 'How can we help?', content: { quickReplies: [{ title: 'Talk to a human', payload: 'handoff_human' }] } });
    await env.delivery(offer.id, 'sent');
    expect(sendsTo(user).at(-1)?.body.keyboard).toMatchObject({ Type: 'keyboard', Buttons: [{ ActionType: 'reply', ActionBody: 'Talk to a human', Text: 'Talk to a human' }] });
    await env.postCallback('support', messageCallback({ token: '5741311803571749001', userId: user, message: { type: 'text', text: 'Talk to a human' } }));
    const { data } = await env.received('5741311803571749001');
    expect(data.message).toMatchObject({ text: 'Talk to a human', content: { postback: { payload: 'handoff_human', title: 'Talk to a human' } } });
  });

  it('retries tooManyRequests (status 12) and HTTP 5xx, then sends', async () => {
    env.viber.answerNext('send_message', { body: rawFixture('send-response-too-many-requests.raw') }, { httpStatus: 503, body: 'Service Unavailable' });
    const reply = await env.reply(conversationId, { text: 'through rate limits' });
    await env.delivery(reply.id, 'sent');
    expect(sendsWith('through rate limits')).toHaveLength(3);
  });

  it('fails at once when Viber says the user is not subscribed (status 6), with the reason on the message', async () => {
    env.viber.answerNext('send_message', { body: rawFixture('send-response-not-subscribed.raw') });
    const reply = await env.reply(conversationId, { text: 'to nobody' });
    await env.delivery(reply.id, 'failed');
    expect(sendsWith('to nobody')).toHaveLength(1);
    const stored = (await env.messages(conversationId)).find((m: Message) => m.id === reply.id);
    expect(stored?.delivery).toEqual({
      state: 'failed',
      error: { code: 'viber_6', retryable: false, message: 'Viber send_message: status 6 notSubscribed — the customer has not subscribed to the bot or has unsubscribed; they must write to it first' },
    });
  });

  it('does not call Viber for a user who unsubscribed, until they write again', async () => {
    const user = 'leaving-user==';
    const at = Date.now();
    const thread = await customerWrites(user, 'support', at);
    await env.postCallback('support', `{"event":"unsubscribed","timestamp":${at + 1000},"chat_hostname":"SN-CALLBACK-02_","user_id":"${user}","message_token":5741311803571749100}`);
    await env.postCallback('support', messageCallback({ token: '5741311803571749101', userId: 'barrier-user==', message: { type: 'text', text: 'barrier' } }));
    await env.received('5741311803571749101');
    const refused = await env.reply(thread, { text: 'after unsubscribing' });
    const failed = await env.delivery(refused.id, 'failed');
    expect(failed.data.error).toMatchObject({ code: 'viber_6', retryable: false, message: expect.stringContaining('unsubscribed from the bot') });
    expect(sendsTo(user).filter((c) => c.body.text === 'after unsubscribing')).toHaveLength(0);

    await customerWrites(user, 'support', at + 2000);
    const again = await env.reply(thread, { text: 'after writing again' });
    await env.delivery(again.id, 'sent');
  });

  it('resends only the part that failed when a message takes several calls', async () => {
    const photoId = await upload(JPEG, 'proof.jpg', 'image/jpeg');
    const text = `long text ${'x'.repeat(800)}`;
    env.viber.answerNext('send_message', okWithToken('5741311803571749200'), { body: rawFixture('send-response-too-many-requests.raw') });
    const reply = await env.reply(conversationId, { text, attachmentIds: [photoId] });
    const sent = await env.delivery(reply.id, 'sent');
    expect(sent.data.providerMessageId).toBe('5741311803571749200');
    expect(sendsWith(text)).toHaveLength(1);
    expect(env.viber.callsOf('send_message').filter((c) => c.body.type === 'picture' && String(c.body.media).includes(photoId))).toHaveLength(2);
  });

  it('answers through the bot the customer wrote to', async () => {
    const thread = await customerWrites('sales-user==', 'sales');
    const reply = await env.reply(thread, { text: 'from sales' });
    await env.delivery(reply.id, 'sent');
    expect(sendsWith('from sales').map((c) => [c.token, c.body.sender])).toEqual([[SECOND_TOKEN, { name: 'Example Sales' }]]);
  });
});
