import { coreCommands } from '@switchboard/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IG_ACCOUNT_ID, PAGE_ID, messengerJson } from './test-helpers/fixtures';
import { PAGE_TOKENS, fixtureEvent, startMessengerHost, type MessengerHost } from './test-helpers/host';
import { startMetaStandIn, type MetaStandIn } from './test-helpers/meta-stand-in';

let meta: MetaStandIn;
let host: MessengerHost;

beforeAll(async () => {
  meta = await startMetaStandIn(PAGE_TOKENS);
  host = await startMessengerHost(meta);
});
afterAll(async () => {
  await host?.stop();
  await meta?.close();
});

const HOUR = 3_600_000;
let people = 0;

/** A new person writes to the Page (or the Instagram account) some time ago; returns the conversation and their id. */
async function personWrote(options: { ago?: number; instagram?: boolean } = {}): Promise<{ conversationId: string; psid: string }> {
  const psid = String(7000000000000000 + ++people);
  const account = options.instagram ? IG_ACCOUNT_ID : PAGE_ID;
  const mid = `m_person_${people}_${Date.now()}`;
  const body = fixtureEvent(options.instagram ? 'instagram-inbound-text.json' : 'inbound-text.json', (e) => {
    e.sender.id = psid;
    e.timestamp = Date.now() - (options.ago ?? 0);
    e.message.mid = mid;
  });
  expect((await host.webhook(body)).status).toBe(200);
  const message = await host.recorded(mid);
  expect(account).toBeTruthy();
  return { conversationId: message.conversationId, psid };
}

type RequestFixture = { _request: { url: string }; body: { message: Record<string, unknown> } & Record<string, unknown> };
const fixture = (name: string) => messengerJson<RequestFixture>(name);

describe('sending', () => {
  it('answers inside the window as send-text-request.json, with the Page token', async () => {
    const { conversationId, psid } = await personWrote();
    const expected = fixture('send-text-request.json');
    const reply = await host.answer(conversationId, { text: expected.body.message.text });
    const sent = await host.reaches(conversationId, reply.id, 'sent');
    const [call] = meta.sendsTo(psid);
    expect(call!.url).toBe(new URL(expected._request.url).pathname);
    expect(call!.authorization).toBe(`Bearer ${PAGE_TOKENS[PAGE_ID]}`);
    expect(call!.json).toEqual({ ...expected.body, recipient: { id: psid } });
    expect(sent.providerMessageId).toMatch(/^m_/);
  });

  it('answers Instagram through the linked Page as instagram-send-text-request.json', async () => {
    const { conversationId, psid } = await personWrote({ instagram: true });
    const expected = fixture('instagram-send-text-request.json');
    const reply = await host.answer(conversationId, { text: expected.body.message.text });
    await host.reaches(conversationId, reply.id, 'sent');
    const [call] = meta.sendsTo(psid);
    expect(call!.url).toBe(new URL(expected._request.url).pathname);
    expect(call!.json).toEqual({ ...expected.body, recipient: { id: psid } });
  });

  it('sends files by their signed URL and quick replies on the text', async () => {
    const { conversationId, psid } = await personWrote();
    const form = new FormData();
    form.set('file', new Blob([Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')], { type: 'image/png' }), 'label.png');
    const file = (await (await host.request('/api/v1/attachments', { method: 'POST', body: form })).json()) as { id: string };
    const reply = await host.answer(conversationId, { text: 'Label attached. Anything else?', attachmentIds: [file.id], content: { quickReplies: [{ title: 'No, thanks', payload: 'DONE' }] } });
    await host.reaches(conversationId, reply.id, 'sent');
    const [image, text] = meta.sendsTo(psid).map((c) => c.json as { message: Record<string, any> });
    expect(image!.message).toEqual({ attachment: { type: 'image', payload: { url: expect.stringContaining(file.id), is_reusable: true } } });
    expect(text!.message).toEqual({ text: 'Label attached. Anything else?', quick_replies: [{ content_type: 'text', title: 'No, thanks', payload: 'DONE' }] });
  });

  it('tags an agent’s late answer HUMAN_AGENT, as send-human-agent-tag-request.json', async () => {
    const { conversationId, psid } = await personWrote({ ago: 3 * 24 * HOUR });
    const expected = fixture('send-human-agent-tag-request.json');
    const reply = await host.answer(conversationId, { text: expected.body.message.text });
    await host.reaches(conversationId, reply.id, 'sent');
    expect(meta.sendsTo(psid)[0]!.json).toEqual({ ...expected.body, recipient: { id: psid } });
  });

  it('refuses a bot after 24 hours and anyone after 7 days, without calling Meta', async () => {
    const late = await personWrote({ ago: 2 * 24 * HOUR });
    const { message } = await host.bus.request('core.message.send.v1', coreCommands['core.message.send.v1'], {
      conversationId: late.conversationId,
      clientMessageId: 'bot-late-1',
      text: 'Automated follow-up',
      sender: { kind: 'bot', id: 'bot-1', name: 'Helper' },
    });
    const botFailed = await host.reaches(late.conversationId, message.id, 'failed');
    expect(botFailed.delivery.error).toMatchObject({ code: 'messenger_outside_window', retryable: false, message: expect.stringContaining('not a bot') });

    const gone = await personWrote({ ago: 8 * 24 * HOUR });
    const reply = await host.answer(gone.conversationId, { text: 'Hello again' });
    const failed = await host.reaches(gone.conversationId, reply.id, 'failed');
    expect(failed.delivery.error).toMatchObject({ code: 'messenger_outside_window', message: expect.stringContaining('more than 7 days ago') });
    expect(meta.sendsTo(late.psid)).toHaveLength(0);
    expect(meta.sendsTo(gone.psid)).toHaveLength(0);
  });

  it('retries the rate limit, fails at once when the person is unavailable or Meta says the window closed', async () => {
    const { conversationId, psid } = await personWrote();
    meta.script(messengerJson('error-rate-limit.json'));
    const retried = await host.answer(conversationId, { text: 'Second try works' });
    await host.reaches(conversationId, retried.id, 'sent');
    expect(meta.sendsTo(psid)).toHaveLength(2);

    meta.script(messengerJson('error-person-unavailable.json'));
    const blocked = await host.answer(conversationId, { text: 'Are you there?' });
    const failed = await host.reaches(conversationId, blocked.id, 'failed');
    expect(failed.delivery.error).toMatchObject({ code: 'messenger_551', retryable: false, message: expect.stringContaining("(#551) This person isn't available right now.") });

    meta.script(messengerJson('error-outside-window.json'));
    const closed = await host.answer(conversationId, { text: 'Closed?' });
    expect((await host.reaches(conversationId, closed.id, 'failed')).delivery.error).toMatchObject({ code: 'messenger_outside_window' });
    expect(meta.sendsTo(psid)).toHaveLength(4);
  });
});

describe('delivery and read receipts', () => {
  it('applies a watermark to every earlier message of the thread, and only those', async () => {
    const { conversationId, psid } = await personWrote();
    const first = await host.answer(conversationId, { text: 'One' });
    await host.reaches(conversationId, first.id, 'sent');
    const second = await host.answer(conversationId, { text: 'Two' });
    const secondSent = await host.reaches(conversationId, second.id, 'sent');

    await host.webhook(fixtureEvent('delivery.json', (e) => ((e.sender.id = psid), (e.delivery = { watermark: Date.now() }))));
    await host.reaches(conversationId, first.id, 'delivered');
    await host.reaches(conversationId, second.id, 'delivered');

    const readAt = Date.now();
    const third = await host.answer(conversationId, { text: 'Three' });
    await host.reaches(conversationId, third.id, 'sent');
    await host.webhook(fixtureEvent('read.json', (e) => ((e.sender.id = psid), (e.read.watermark = readAt))));
    await host.reaches(conversationId, first.id, 'read');
    await host.reaches(conversationId, second.id, 'read');
    await host.settle();
    expect((await host.items(conversationId)).find((m) => m.id === third.id)!.delivery.state).toBe('sent');

    await host.webhook(fixtureEvent('delivery.json', (e) => ((e.sender.id = psid), (e.delivery = { mids: [secondSent.providerMessageId], watermark: 1 }))));
    await host.settle();
    expect((await host.items(conversationId)).find((m) => m.id === second.id)!.delivery.state).toBe('read');
  });

  it('applies Instagram’s seen to what was sent up to it', async () => {
    const { conversationId, psid } = await personWrote({ instagram: true });
    const reply = await host.answer(conversationId, { text: 'In size M' });
    const sent = await host.reaches(conversationId, reply.id, 'sent');
    await host.webhook(fixtureEvent('instagram-seen.json', (e) => ((e.sender.id = psid), (e.timestamp = Date.now()), (e.read = { mid: sent.providerMessageId }))));
    await host.reaches(conversationId, reply.id, 'read');
  });
});
