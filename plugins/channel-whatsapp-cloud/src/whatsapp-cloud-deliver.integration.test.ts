import { deliverCommand, deliverCommandName, newId, type Leg, type Message } from '@switchboard/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureJson } from './test-helpers/fixtures';
import { startGraphStandIn, type GraphAnswer, type GraphStandIn } from './test-helpers/graph-stand-in';
import { SECOND_NUMBER, TEST_SECRETS, startWhatsAppHost, type WhatsAppTestHost } from './test-helpers/host';
import { statusFor, withMessage, withTimestamp } from './test-helpers/payloads';

let graph: GraphStandIn;
let host: WhatsAppTestHost;

beforeAll(async () => {
  graph = await startGraphStandIn(TEST_SECRETS.accessToken);
  host = await startWhatsAppHost(graph);
});
afterAll(async () => {
  await host?.stop();
  await graph?.close();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
let customers = 0;

/** A customer (a fresh number each time) writes now; returns the conversation id. */
async function customerWrites(options: { secondsAgo?: number; account?: string } = {}): Promise<{ conversationId: string; number: string; wamid: string }> {
  const number = `120255501${String(10 + ++customers).padStart(2, '0')}`;
  const wamid = `wamid.customer-${customers}-${Date.now()}`;
  const payload = withMessage({ id: wamid, from: number, from_user_id: undefined, type: 'text', text: { body: 'Hello?' } }, { timestamp: nowSeconds() - (options.secondsAgo ?? 0) }) as {
    entry: Array<{ changes: Array<{ value: { metadata: Record<string, string>; contacts: unknown[] } }> }>;
  };
  payload.entry[0]!.changes[0]!.value.contacts = [{ profile: { name: `Customer ${customers}` }, wa_id: number }];
  if (options.account) payload.entry[0]!.changes[0]!.value.metadata.phone_number_id = options.account;
  expect((await host.postWebhook(payload)).status).toBe(200);
  const message = await host.received(wamid);
  return { conversationId: message.conversationId, number: `+${number}`, wamid };
}

const sendsTo = (number: string) => graph.sends().filter((r) => (r.json as { to?: string }).to === number);
const errorAnswer = (fixture: string): GraphAnswer => fixtureJson<{ status: number; body: unknown }>(fixture);

describe('sending', () => {
  it('sends a reply as send-text-request.json shows, with the token, and records the wamid', async () => {
    const { conversationId, number } = await customerWrites();
    const reply = await host.reply(conversationId, { text: 'Hi Dana, your order #1042 left our warehouse today.' });
    const sent = await host.deliveryState(conversationId, reply.id, 'sent');
    const [request] = sendsTo(number);
    const fixture = fixtureJson<{ _request: { url: string }; body: Record<string, unknown> }>('send-text-request.json');
    expect(request!.path).toBe(new URL(fixture._request.url).pathname);
    expect(request!.headers.authorization).toBe(`Bearer ${TEST_SECRETS.accessToken}`);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.json).toEqual({ ...fixture.body, to: number });
    expect(sent.providerMessageId).toMatch(/^wamid\./);
  });

  it('offers quick replies as buttons, and uploads files before sending them by media id', async () => {
    const { conversationId, number } = await customerWrites();
    const buttons = await host.reply(conversationId, { text: 'Anything else?', content: { quickReplies: [{ title: 'Yes', payload: 'MORE' }, { title: 'No', payload: 'DONE' }] } });
    await host.deliveryState(conversationId, buttons.id, 'sent');
    expect(sendsTo(number)[0]!.json).toMatchObject({ type: 'interactive', interactive: { type: 'button', body: { text: 'Anything else?' }, action: { buttons: [{ reply: { id: 'MORE', title: 'Yes' } }, { reply: { id: 'DONE', title: 'No' } }] } } });

    const form = new FormData();
    form.set('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')], { type: 'application/pdf' }), 'invoice-1042.pdf');
    const uploaded = (await (await host.request('/api/v1/attachments', { method: 'POST', body: form })).json()) as { id: string };
    const withFile = await host.reply(conversationId, { text: 'Invoice', attachmentIds: [uploaded.id] });
    await host.deliveryState(conversationId, withFile.id, 'sent');
    const upload = graph.requests.find((r) => r.path === '/v25.0/106540352242922/media')!;
    expect(upload.headers.authorization).toBe(`Bearer ${TEST_SECRETS.accessToken}`);
    expect(upload.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(upload.body.toString('latin1')).toContain('name="messaging_product"\r\n\r\nwhatsapp');
    expect(upload.body.toString('latin1')).toContain('filename="invoice-1042.pdf"');
    expect(sendsTo(number)[1]!.json).toMatchObject({ type: 'document', document: { filename: 'invoice-1042.pdf', caption: 'Invoice', id: expect.any(String) } });
  });

  it('sends from the number the customer wrote to', async () => {
    const { conversationId } = await customerWrites({ account: SECOND_NUMBER });
    const reply = await host.reply(conversationId, { text: 'From the other number' });
    await host.deliveryState(conversationId, reply.id, 'sent');
    expect(graph.sends().filter((r) => r.path === `/v25.0/${SECOND_NUMBER}/messages`).map((r) => (r.json as { text: { body: string } }).text.body)).toEqual(['From the other number']);
  });

  it('retries rate limits (130429, 131056) and 5xx, then sends once', async () => {
    const { conversationId, number } = await customerWrites();
    graph.queueSendAnswers(errorAnswer('error-130429-rate-limit.json'), { status: 503, body: { error: { message: 'Service unavailable', code: 2 } } });
    const reply = await host.reply(conversationId, { text: 'Third time lucky' });
    await host.deliveryState(conversationId, reply.id, 'sent');
    expect(sendsTo(number)).toHaveLength(3);

    graph.queueSendAnswers(errorAnswer('error-131056-pair-rate-limit.json'));
    const again = await host.reply(conversationId, { text: 'Pair rate' });
    await host.deliveryState(conversationId, again.id, 'sent');
    expect(sendsTo(number)).toHaveLength(5);
  });

  it('fails at once on an expired token, with WhatsApp’s reason visible over REST', async () => {
    const { conversationId, number } = await customerWrites();
    graph.queueSendAnswers(errorAnswer('error-190-token-expired.json'));
    const reply = await host.reply(conversationId, { text: 'Will not go' });
    const failed = await host.deliveryState(conversationId, reply.id, 'failed');
    expect(failed.delivery.error).toMatchObject({ code: 'whatsapp_190', retryable: false, message: expect.stringContaining('Error validating access token: Session has expired.') });
    expect(sendsTo(number)).toHaveLength(1);
  });

  it('refuses free-form messages outside the 24-hour window without calling WhatsApp', async () => {
    const { conversationId, number } = await customerWrites({ secondsAgo: 25 * 3600 });
    const reply = await host.reply(conversationId, { text: 'Too late' });
    const failed = await host.deliveryState(conversationId, reply.id, 'failed');
    expect(failed.delivery.error).toMatchObject({ code: 'whatsapp_outside_window', retryable: false, message: expect.stringContaining('24-hour') });
    expect(sendsTo(number)).toHaveLength(0);
  });
});

describe('replies that quote a message', () => {
  it('quote the customer’s wamid as send-reply-with-context-request.json shows', async () => {
    const { conversationId, number, wamid } = await customerWrites();
    const customer = await host.received(wamid);
    const { legs } = (await (await host.request(`/api/v1/conversations/${conversationId}`)).json()) as { legs: Leg[] };
    const expected = fixtureJson<{ body: Record<string, unknown> }>('send-reply-with-context-request.json').body;
    const message: Message = { ...customer, id: newId(), direction: 'outbound', sender: { kind: 'agent', id: 'agent-1', name: 'Anna' }, text: 'It is on its way!', providerMessageId: null, replyToMessageId: customer.id, delivery: { state: 'queued', error: null }, clientMessageId: 'quote-1' };
    // The core's send API does not take a message to quote yet; its deliver command does.
    const output = await host.bus.request(deliverCommandName('channel-whatsapp-cloud'), deliverCommand, { message, leg: legs[0]!, attachments: [], attempt: 1 });
    expect(output.providerMessageId).toMatch(/^wamid\./);
    expect(sendsTo(number).at(-1)!.json).toMatchObject({ ...expected, to: number, context: { message_id: wamid } });
  });
});

describe('status callbacks', () => {
  async function sentReply(): Promise<{ conversationId: string; reply: Message; wamid: string }> {
    const { conversationId } = await customerWrites();
    const reply = await host.reply(conversationId, { text: 'Status me' });
    const sent = await host.deliveryState(conversationId, reply.id, 'sent');
    return { conversationId, reply, wamid: sent.providerMessageId! };
  }

  it('applies sent, delivered and read, and never goes back', async () => {
    const { conversationId, reply, wamid } = await sentReply();
    await host.postWebhook(statusFor('status-sent.json', wamid));
    await host.postWebhook(statusFor('status-delivered.json', wamid));
    await host.deliveryState(conversationId, reply.id, 'delivered');
    await host.postWebhook(statusFor('status-read.json', wamid));
    await host.deliveryState(conversationId, reply.id, 'read');
    await host.postWebhook(statusFor('status-delivered.json', wamid));
    await host.drain();
    expect((await host.messagesOf(conversationId)).find((m) => m.id === reply.id)!.delivery.state).toBe('read');
  });

  it('marks a message failed with the 131047 reason from an asynchronous failure', async () => {
    const { conversationId, reply, wamid } = await sentReply();
    await host.postWebhook(statusFor('status-failed-131047.json', wamid));
    const failed = await host.deliveryState(conversationId, reply.id, 'failed');
    expect(failed.delivery.error).toEqual({
      code: 'whatsapp_131047',
      retryable: false,
      message: expect.stringContaining('more than 24 hours have passed since the customer last replied to this number'),
    });
  });

  it('ignores statuses of messages another tool sent, and links a customer’s reply to our message', async () => {
    await host.postWebhook(statusFor('status-read.json', 'wamid.sent-by-the-business-app'));
    const { conversationId, reply, wamid } = await sentReply();
    const quoting = withTimestamp(withMessage({ id: 'wamid.quoting', type: 'text', text: { body: 'Yes, that one' }, context: { from: '12025550100', id: wamid } }), nowSeconds());
    const customer = (await host.messagesOf(conversationId)).find((m) => m.direction === 'inbound')!;
    const value = (quoting as { entry: Array<{ changes: Array<{ value: { messages: Array<Record<string, unknown>>; contacts: unknown[] } }> }> }).entry[0]!.changes[0]!.value;
    const number = JSON.stringify(await (await host.request(`/api/v1/conversations/${conversationId}`)).json()).match(/"thread":"\+(\d+)"/)![1]!;
    value.messages[0]!.from = number;
    delete value.messages[0]!.from_user_id;
    value.contacts = [];
    await host.postWebhook(quoting);
    const answer = await host.received('wamid.quoting');
    expect(answer.conversationId).toBe(customer.conversationId);
    expect(answer.replyToMessageId).toBe(reply.id);
  });
});
