import { describeChannelCommand, describeChannelCommandName } from '@switchboard/events';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FIXTURE_USER, fixtureSignature, jsonFixture, rawFixture, type SignatureExamples } from './test-helpers/fixtures';
import { messageCallback, sign, startViberTestEnv, type ViberTestEnv } from './test-helpers/viber-host';

let env: ViberTestEnv;

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF crushed box')]);
const PDF = Buffer.from('%PDF-1.7\n% invoice 1042\n');

beforeAll(async () => {
  env = await startViberTestEnv();
  env.viber.addMedia('example-box.jpg', JPEG);
  env.viber.addMedia('invoice-1042.pdf', PDF);
});
afterAll(async () => {
  await env?.stop();
});

/** A fixture's callback with Viber's media link pointed at the stand-in (then signed anew). */
function withStandInMedia(name: string, file: string): string {
  return rawFixture(name).replace(/"media":"[^"]+"/, `"media":"${env.viber.mediaUrl(file)}"`);
}

const problemCode = async (res: Response) => {
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  return ((await res.json()) as { code: string }).code;
};

describe('webhook registration and accounts', () => {
  it('calls set_webhook for every bot at start (set-webhook-request.json) until its webhook passes Viber’s signed check', async () => {
    const documented = jsonFixture<{ body: Record<string, unknown> }>('set-webhook-request.json').body;
    const support = await vi.waitUntil(() => env.viber.callsOf('set_webhook').find((c) => c.token === env.tokens.support), { timeout: 15_000 });
    expect(support.body).toEqual({ ...documented, url: `${env.host.url}/plugins/channel-viber/webhook/support` });
    await vi.waitUntil(() => env.viber.callsOf('set_webhook').find((c) => c.token === env.tokens.sales), { timeout: 15_000 });
    // Plugins start before the server listens, so Viber's first check may find nobody there;
    // registration is retried until the webhook answers Viber's check with 200.
    for (const bot of ['support', 'sales']) {
      const url = `${env.host.url}/plugins/channel-viber/webhook/${bot}`;
      await vi.waitUntil(() => env.viber.webhookChecks.find((check) => check.url === url && check.status === 200), { timeout: 15_000 });
    }
    expect(env.viber.webhookChecks.every((check) => check.status === 200 || check.status === 0)).toBe(true);
  });

  it('describes one account per bot, writing to viber_user identities with no reply window', async () => {
    const { accounts } = await env.host.bus.request(describeChannelCommandName('channel-viber'), describeChannelCommand, {});
    expect(accounts).toEqual([
      { id: 'support', label: 'Viber Example Support', identityType: 'viber_user', replyWindowHours: null },
      { id: 'sales', label: 'Sales', identityType: 'viber_user', replyWindowHours: null },
    ]);
  });
});

describe('webhook verification', () => {
  it('accepts every signed fixture of signature-examples.json as Viber sent it', async () => {
    for (const { raw_body_file, expected_x_viber_content_signature } of jsonFixture<SignatureExamples>('signature-examples.json').examples) {
      const res = await env.postCallback('support', rawFixture(raw_body_file), { 'Content-Type': 'application/json', 'X-Viber-Content-Signature': expected_x_viber_content_signature });
      expect(res.status, raw_body_file).toBe(200);
    }
    await env.received('5741311803571721090');
  });

  it('accepts the signature in the sig query parameter as well', async () => {
    const body = messageCallback({ token: '5741311803571730001', userId: 'query-user==', message: { type: 'text', text: 'signed in the query' } });
    const res = await env.postCallback('support', body, { 'Content-Type': 'application/json' }, `?sig=${sign(env.tokens.support as string, body)}`);
    expect(res.status).toBe(200);
    expect((await env.received('5741311803571730001')).data.message.text).toBe('signed in the query');
  });

  it('refuses a tampered body, a wrong key, another bot’s signature and no signature, storing nothing', async () => {
    const body = messageCallback({ token: '5741311803571739999', userId: 'spoof==', message: { type: 'text', text: 'spoofed' } });
    const signature = sign(env.tokens.support as string, body);
    const attempts: Array<[string, Record<string, string>, number, string]> = [
      [body.replace('spoofed', 'Spoofed'), { 'X-Viber-Content-Signature': signature }, 403, 'SWB_ERR_VIBER_SIGNATURE_INVALID'],
      [body, { 'X-Viber-Content-Signature': sign('not-the-token-0000000000', body) }, 403, 'SWB_ERR_VIBER_SIGNATURE_INVALID'],
      [body, { 'X-Viber-Content-Signature': sign(env.tokens.sales as string, body) }, 403, 'SWB_ERR_VIBER_SIGNATURE_INVALID'],
      [body, {}, 401, 'SWB_ERR_VIBER_SIGNATURE_MISSING'],
    ];
    for (const [sent, headers, status, code] of attempts) {
      const res = await env.postCallback('support', sent, { 'Content-Type': 'application/json', ...headers });
      expect(res.status).toBe(status);
      expect(await problemCode(res)).toBe(code);
    }
    const unknown = await env.postCallback('nobody', body, { 'X-Viber-Content-Signature': signature });
    expect(unknown.status).toBe(404);
    expect(await problemCode(unknown)).toBe('SWB_ERR_VIBER_UNKNOWN_BOT');
    expect((await env.loggedCallbacks('support')).map((c) => c.key)).not.toContain('message:5741311803571739999');
  });
});

describe('inbound callbacks', () => {
  it('records a text message under its exact 64-bit token, once however often it comes, with the raw body stored', async () => {
    const body = rawFixture('inbound-text.raw');
    const signature = fixtureSignature('inbound-text.raw');
    const answers = await Promise.all([1, 2, 3].map(() => env.postCallback('support', body, { 'X-Viber-Content-Signature': signature })));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    const { data } = await env.received('5741311803571721090');
    expect(data.message).toMatchObject({ direction: 'inbound', channel: 'channel-viber', text: 'Hi! Where is my order #1042?', providerMessageId: '5741311803571721090' });
    // Processed in order: once a later callback is recorded, every copy was handled.
    await env.postCallback('support', messageCallback({ token: '5741311803571730002', userId: FIXTURE_USER, message: { type: 'text', text: 'barrier' } }));
    await env.received('5741311803571730002');
    const copies = (await env.messages(data.conversationId)).filter((m) => m.providerMessageId === '5741311803571721090');
    expect(copies).toHaveLength(1);
    expect((await env.loggedCallbacks('support')).filter((c) => c.key === 'message:5741311803571721090')).toEqual([{ key: 'message:5741311803571721090', body, processed: true }]);
  });

  it('downloads a picture and a file into attachment storage', async () => {
    await env.postCallback('support', withStandInMedia('inbound-picture.raw', 'example-box.jpg'));
    const picture = (await env.received('5741311803571721091')).data.message;
    expect(picture).toMatchObject({ text: 'The box arrived crushed', attachments: [{ name: 'example-box.jpg', contentType: 'image/jpeg', size: JPEG.length }] });
    const content = await env.host.request(`/api/v1/attachments/${picture.attachments[0]?.id}/content`);
    expect(Buffer.from(await content.arrayBuffer()).equals(JPEG)).toBe(true);
    await env.postCallback('support', withStandInMedia('inbound-file.raw', 'invoice-1042.pdf'));
    expect((await env.received('5741311803571721092')).data.message.attachments).toEqual([expect.objectContaining({ name: 'invoice-1042.pdf', contentType: 'application/pdf', size: PDF.length })]);
  });

  it('records an expired media link with a note instead of the file', async () => {
    const body = messageCallback({ token: '5741311803571730003', userId: FIXTURE_USER, message: { type: 'file', media: env.viber.mediaUrl('gone.pdf'), file_name: 'gone.pdf', size: 10 } });
    await env.postCallback('support', body);
    const { message } = (await env.received('5741311803571730003')).data;
    expect(message.attachments).toEqual([]);
    expect(message.text).toBe('[attachment not stored: gone.pdf (Viber media download: answered HTTP 404 (the link expired))]');
  });

  it('maps a location and a shared contact, which stays content only', async () => {
    await env.postCallback('support', rawFixture('inbound-location.raw'), { 'X-Viber-Content-Signature': fixtureSignature('inbound-location.raw') });
    expect((await env.received('5741311803571721093')).data.message).toMatchObject({ text: '', content: { location: { latitude: 38.897701, longitude: -77.036501 } } });
    await env.postCallback('support', rawFixture('inbound-contact.raw'), { 'X-Viber-Content-Signature': fixtureSignature('inbound-contact.raw') });
    const { data } = await env.received('5741311803571721094');
    expect(data.message.content).toEqual({ contacts: [{ name: 'Dana Example', phones: ['+12025550143'], emails: [] }] });
    const conversation = (await (await env.host.request(`/api/v1/conversations/${data.conversationId}`)).json()) as { contactId: string };
    const contact = (await (await env.host.request(`/api/v1/contacts/${conversation.contactId}`)).json()) as { identities: Array<{ type: string }> };
    expect(contact.identities.map((i) => i.type)).toEqual(['viber_user']);
  });

  it('answers conversation_started with the welcome message and remembers the deep-link context', async () => {
    const res = await env.postCallback('support', rawFixture('conversation-started.raw'), { 'X-Viber-Content-Signature': fixtureSignature('conversation-started.raw') });
    expect(res.status).toBe(200);
    const { _note: _unused, ...documented } = jsonFixture('welcome-message-response-to-conversation-started.json');
    expect(await res.json()).toEqual({ ...documented, sender: { name: 'Example Support', avatar: 'https://files.example.com/avatar.jpg' }, min_api_version: 1 });
    await vi.waitUntil(async () => (await env.loggedCallbacks('support')).find((c) => c.key === 'conversation_started:5741311803571721088' && c.processed), { timeout: 15_000 });
    expect(await env.subscription('support', FIXTURE_USER)).toMatchObject({ context: 'order-1042' });
  });
});

describe('callbacks, fuzzed against the running server', () => {
  it('answers 200 to any signed body and stores nothing that is not a callback', async () => {
    const before = (await env.loggedCallbacks('support')).length;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value)), fc.string({ unit: 'binary', maxLength: 300 })), async (text) => {
        expect((await env.postCallback('support', text)).status).toBe(200);
      }),
      { numRuns: 60 },
    );
    expect((await env.loggedCallbacks('support')).length).toBe(before);
  });
});
