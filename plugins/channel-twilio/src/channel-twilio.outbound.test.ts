import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSINESS_NUMBER, FIXTURE_ACCOUNT_SID, FIXTURE_AUTH_TOKEN, FIXTURE_SERVICE_SID, readFixtureJson, readFixtureText, type ErrorFixture } from './test-helpers/twilio-fixtures';
import { startTwilioTestHost, type TwilioTestHost } from './test-helpers/twilio-host';
import { created } from './test-helpers/twilio-stand-in';
import { fixtureParams, formBody, newSid, postWebhook, replayFixture } from './test-helpers/twilio-webhooks';

let t: TwilioTestHost;

beforeAll(async () => {
  t = await startTwilioTestHost({ numbers: [{ number: BUSINESS_NUMBER, sms: true, messagingServiceSid: FIXTURE_SERVICE_SID }] });
});
afterAll(async () => {
  await t?.stop();
});

/** A customer with their own number texts the business, which opens their conversation. */
async function customerTexts(from: string, body: string): Promise<string> {
  const sid = newSid('SM');
  const res = await postWebhook(t.host.url, '/messages', formBody({ ...fixtureParams('inbound-sms'), MessageSid: sid, SmsSid: sid, SmsMessageSid: sid, From: from, Body: body }));
  expect(res.status).toBe(200);
  return (await t.received(sid)).conversationId;
}

/** The status callback Twilio would post for one of our messages. */
function statusCallback(sid: string, status: string, extra: Record<string, string> = {}) {
  return formBody({ MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status, AccountSid: FIXTURE_ACCOUNT_SID, From: BUSINESS_NUMBER, To: '+12025550143', ApiVersion: '2010-04-01', ...extra });
}

/** The worker handles webhooks one at a time, in order: once a later message is recorded, every webhook before it was applied. */
async function webhooksBeforeAreDone(): Promise<void> {
  await customerTexts('+12025550199', 'a later message');
}

const sendsTo = (number: string) => t.twilio.sends.filter((s) => new URLSearchParams(s.rawBody).get('To') === number);

describe('sending through the Messages API', () => {
  it('posts exactly the documented SMS request, records the SID, and applies the delivered callback', async () => {
    expect((await replayFixture(t.host.url, 'inbound-sms')).status).toBe(200);
    const { conversationId } = await t.received('SM3f2a7c9e1b4d4e8f9a0b1c2d3e4f5a6b');
    t.twilio.queueAnswers({ status: 201, body: readFixtureJson<{ body: unknown }>('send-response-201.json').body });
    const reply = await t.reply(conversationId, { text: 'Thanks Dana - your replacement ships today. Reply STOP to opt out.' });

    const sent = await t.delivery(reply, 'sent');
    expect(sent.providerMessageId).toBe('SMa1b2c3d4e5f60718293a4b5c6d7e8f90');
    const [request] = t.twilio.sends;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/2010-04-01/Accounts/${FIXTURE_ACCOUNT_SID}/Messages.json`);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${FIXTURE_ACCOUNT_SID}:${FIXTURE_AUTH_TOKEN}`).toString('base64')}`);
    expect(request?.rawBody).toBe(readFixtureText('send-sms-request.txt'));

    expect((await replayFixture(t.host.url, 'status-sms-delivered')).status).toBe(200);
    expect((await t.delivery(reply, 'delivered')).delivery).toEqual({ state: 'delivered', error: null });
    // A late `sent` (callbacks arrive out of order) does not move it back.
    await postWebhook(t.host.url, '/status', statusCallback('SMa1b2c3d4e5f60718293a4b5c6d7e8f90', 'sent'));
    await replayFixture(t.host.url, 'status-sms-delivered');
    await webhooksBeforeAreDone();
    expect((await t.message(conversationId, reply.id)).delivery.state).toBe('delivered');
  });

  it('fails the message with the carrier’s reason on an undelivered callback (30007)', async () => {
    const conversationId = await customerTexts('+12025550150', 'Hello?');
    t.twilio.queueAnswers(created('SMb2c3d4e5f60718293a4b5c6d7e8f90a1'));
    const reply = await t.reply(conversationId, { text: 'Your code is 1042' });
    await t.delivery(reply, 'sent');
    expect((await replayFixture(t.host.url, 'status-sms-undelivered-30007')).status).toBe(200);
    const failed = await t.delivery(reply, 'failed');
    expect(failed.delivery.error).toMatchObject({ code: 'twilio_30007', retryable: false, message: expect.stringContaining('carrier filtered') });
    // Nothing moves a failed message on: a late `delivered` is ignored.
    await postWebhook(t.host.url, '/status', statusCallback('SMb2c3d4e5f60718293a4b5c6d7e8f90a1', 'delivered'));
    await postWebhook(t.host.url, '/status', statusCallback('SMb2c3d4e5f60718293a4b5c6d7e8f90a1', 'failed', { ErrorCode: '30007' }));
    await webhooksBeforeAreDone();
    expect((await t.message(conversationId, reply.id)).delivery.state).toBe('failed');
  });

  it('retries 429 (20429) and 5xx answers, then sends once', async () => {
    const conversationId = await customerTexts('+12025550152', 'Any news?');
    const tooMany = readFixtureJson<ErrorFixture>('error-20429-too-many-requests.json');
    t.twilio.queueAnswers(
      { status: tooMany.status, body: tooMany.body },
      { status: 503, body: { code: 20503, message: 'Service Unavailable', status: 503 } },
      created('SM00000000000000000000000000c0ffee'),
    );
    const reply = await t.reply(conversationId, { text: 'Checking now' });
    expect((await t.delivery(reply, 'sent')).providerMessageId).toBe('SM00000000000000000000000000c0ffee');
    const attempts = sendsTo('+12025550152');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.rawBody)).size).toBe(1);
  });

  it('fails at once on an invalid number (21211), showing Twilio’s reason on the message', async () => {
    const conversationId = await customerTexts('+12025550153', 'Call me back');
    const invalid = readFixtureJson<ErrorFixture>('error-21211-invalid-to.json');
    t.twilio.queueAnswers({ status: invalid.status, body: invalid.body });
    const reply = await t.reply(conversationId, { text: 'Sure' });
    const failed = await t.delivery(reply, 'failed');
    expect(failed.delivery.error).toEqual({
      code: 'twilio_21211',
      retryable: false,
      message: expect.stringContaining("Invalid 'To' Phone Number: +1202555014"),
    });
    expect(sendsTo('+12025550153')).toHaveLength(1);
  });

  it('turns quick replies into a numbered list under the text, and the customer’s number into that reply', async () => {
    const conversationId = await customerTexts('+12025550154', 'Options?');
    const reply = await t.reply(conversationId, { text: 'Which one?', content: { quickReplies: [{ title: 'Refund', payload: 'refund' }, { title: 'Replace', payload: 'replace' }] } });
    await t.delivery(reply, 'sent');
    expect(new URLSearchParams(sendsTo('+12025550154')[0]?.rawBody).get('Body')).toBe('Which one?\n\n1. Refund\n2. Replace');

    await customerTexts('+12025550154', '2');
    await customerTexts('+12025550154', '1');
    const inbound = (await t.messages(conversationId)).filter((m) => m.direction === 'inbound');
    expect(inbound.map((m) => [m.text, m.content?.postback ?? null])).toEqual([
      ['Options?', null],
      ['2', { payload: 'replace', title: 'Replace' }],
      // One answer per list: the next number is just text.
      ['1', null],
    ]);
  });
});

describe('STOP and START', () => {
  it('refuses to text a customer who replied STOP, without calling Twilio, until they text START', async () => {
    const customer = '+12025550160';
    const conversationId = await customerTexts(customer, 'Stop');
    const refused = await t.delivery(await t.reply(conversationId, { text: 'Sorry to see you go' }), 'failed');
    expect(refused.delivery.error).toMatchObject({ code: 'twilio_21610', retryable: false, message: expect.stringContaining('START') });
    expect(sendsTo(customer)).toHaveLength(0);

    await customerTexts(customer, 'START');
    await t.delivery(await t.reply(conversationId, { text: 'Welcome back' }), 'sent');
    expect(sendsTo(customer)).toHaveLength(1);
  });

  it('records the opt-out Twilio reports (21610) so the next message is not even tried', async () => {
    const customer = '+12025550161';
    const conversationId = await customerTexts(customer, 'Hi');
    const unsubscribed = readFixtureJson<ErrorFixture>('error-21610-unsubscribed.json');
    t.twilio.queueAnswers({ status: unsubscribed.status, body: unsubscribed.body });
    const first = await t.delivery(await t.reply(conversationId, { text: 'Hello' }), 'failed');
    expect(first.delivery.error).toMatchObject({ code: 'twilio_21610', message: expect.stringContaining('Attempt to send to unsubscribed recipient') });
    const second = await t.delivery(await t.reply(conversationId, { text: 'Hello again' }), 'failed');
    expect(second.delivery.error).toMatchObject({ code: 'twilio_21610', message: expect.stringMatching(/^Not sent/) });
    expect(sendsTo(customer)).toHaveLength(1);
  });
});
