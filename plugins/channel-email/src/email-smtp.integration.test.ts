import { deliverCommand, deliverCommandName, describeChannelCommand, describeChannelCommandName, type CoreEventData, type DeliverInput, type Message } from '@switchboard/events';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_AGENT_MESSAGE_ID, FIXTURE_BOUNCED_MESSAGE_ID, FIXTURE_UUID, expectedParse, fixture } from './test-helpers/fixtures';
import { REPLY_DOMAIN, SUPPORT, startEmailHost, type EmailTestHost } from './test-helpers/email-host';
import type { SunkMail } from './test-helpers/smtp-sink';

type DeliveryUpdated = CoreEventData<'core.message.delivery_updated.v1'>;

const expected = expectedParse();
const DANA = 'dana@customer.example.net';
const NEW_ID = 'CAJx7v9Q3kLmN0pRsT2uVwXyZ1aB4cD5eF6gH7iJ8kL9mN0pQ@mail.gmail.example.net';

let t: EmailTestHost;
/** The conversation the new-conversation fixture opened, and what the agent's reply carried. */
let conversationId: string;
let agentMail: SunkMail;
let token: string;
let agentMessageId: string;
/** The email leg (= thread) of that conversation: threading is right when replies come in on it. */
let legId: string;

beforeAll(async () => {
  t = await startEmailHost();
});
afterAll(async () => {
  await t?.stop();
});

function header(mail: SunkMail, name: string): string {
  const value = mail.parsed.headers.get(name);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join(' ');
  return value && typeof value === 'object' && 'text' in value ? String((value as { text: string }).text) : String(value ?? '');
}

function deliveryState(messageId: string, state: string) {
  return t.host.waitForEvent<DeliveryUpdated>('core.message.delivery_updated.v1', (e) => e.data.messageId === messageId && e.data.state === state, 20_000);
}

/** A fixture reply answering the agent's real mail instead of the fixture's made-up ids. */
function replyFixture(name: string): Buffer {
  return fixture(name, { [FIXTURE_AGENT_MESSAGE_ID]: agentMessageId, [`reply+${FIXTURE_UUID}`]: `reply+${token}` });
}

async function conversationStatus(id: string): Promise<string> {
  const res = await t.host.request(`/api/v1/conversations/${id}`);
  return ((await res.json()) as { status: string }).status;
}

async function setStatus(id: string, status: string): Promise<void> {
  const res = await t.host.request(`/api/v1/conversations/${id}/status`, { method: 'POST', body: JSON.stringify({ status }) });
  expect(res.status).toBe(200);
}

/** Conversations ever opened, as the core announced them. */
function conversationCount(): number {
  return t.host.events().filter((e) => e.type === 'core.conversation.opened.v1').length;
}

describe('channel-email over SMTP, in a real Switchboard', () => {
  it('files a new mail as a new conversation of the sender, with the trimmed text', async () => {
    const sent = await t.sendRaw(fixture('inbound-new-conversation.eml'));
    expect(sent.response).toMatch(/^250/);
    const received = await t.received(NEW_ID);
    conversationId = received.conversationId;
    legId = received.message.legId!;
    expect(received.message.text).toBe(expected.files['inbound-new-conversation.eml']!.reply_text);
    expect(received.message.sender.kind).toBe('contact');
    const opened = await t.host.waitForEvent<CoreEventData<'core.conversation.opened.v1'>>('core.conversation.opened.v1', (e) => e.data.conversationId === conversationId);
    expect(opened.data.leg).toMatchObject({ channel: 'channel-email', account: 'support', identity: { type: 'email', value: DANA } });
    expect(opened.data.leg.thread).toMatch(/^dana@customer\.example\.net#[2-9A-HJ-NP-Z]{6}$/);
  });

  it("sends the agent's reply with our Message-ID, In-Reply-To/References, reply token and signature", async () => {
    const reply = await t.agentReplies(conversationId, 'Sorry about that - a replacement ships today.\n\nThe tracking number is 1Z999AA10123456784.');
    agentMail = await t.sink.waitFor((m) => m.parsed.text?.includes('1Z999AA10123456784') ?? false);
    await deliveryState(reply.id, 'sent');
    agentMessageId = agentMail.parsed.messageId!.slice(1, -1);
    expect(agentMessageId).toBe(`switchboard.${reply.id}@example.com`);
    expect(agentMail.envelope).toEqual({ mailFrom: SUPPORT, rcptTo: [DANA] });
    expect(agentMail.parsed.from?.value[0]).toMatchObject({ address: SUPPORT });
    expect(agentMail.parsed.from?.value[0]?.name).toMatch(/from Example Support$/);
    expect(agentMail.parsed.to).toMatchObject({ value: [{ address: DANA }] });
    const replyTo = agentMail.parsed.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(new RegExp(`^reply\\+[a-z0-9]{24}@${REPLY_DOMAIN.replace(/\./g, '\\.')}$`));
    token = replyTo.slice('reply+'.length, replyTo.indexOf('@'));
    expect(agentMail.parsed.subject).toBe('Re: Order #1042 has not arrived');
    expect(agentMail.parsed.inReplyTo).toBe(`<${NEW_ID}>`);
    expect(header(agentMail, 'references')).toContain(`<${NEW_ID}>`);
    expect(agentMail.parsed.text).toContain('-- \n');
    expect(agentMail.parsed.html).toContain('<p>Sorry about that - a replacement ships today.</p>');
    expect(agentMail.parsed.headers.has('auto-submitted')).toBe(false);
    const stored = (await t.messages(conversationId)).find((m) => m.id === reply.id)!;
    expect(stored.providerMessageId).toBe(agentMessageId);
  });

  it('threads a Gmail-style quoted reply by its reply token and keeps only the new text (+ original.eml)', async () => {
    await t.sendRaw(replyFixture('inbound-reply-with-quote.eml'), { to: [`reply+${token}@${REPLY_DOMAIN}`] });
    const received = await t.received('CAJx7v9Q3kLmN0pRsT2uVwXyZ1aB4cD5eF6gH7iJ8kL9mN0pR@mail.gmail.example.net');
    expect(received.conversationId).toBe(conversationId);
    expect(received.message.legId).toBe(legId);
    expect(received.message.text).toBe('Great, thank you! Can you also send the invoice?');
    expect(received.message.attachments.map((a) => a.name)).toEqual(['original.eml']);
    expect(received.message.replyToMessageId).not.toBeNull();
  });

  it('threads an Outlook-style reply to the plain address by In-Reply-To alone', async () => {
    await t.sendRaw(replyFixture('inbound-reply-outlook-style.eml'));
    const received = await t.received('DM6PR11MB0001EXAMPLE0001@DM6PR11MB0001.namprd11.prod.outlook.example.net');
    expect(received.conversationId).toBe(conversationId);
    expect(received.message.legId).toBe(legId);
    expect(received.message.text).toBe('It arrived, thanks!\n\nDana');
  });

  it('threads a reply whose subject changed, by References', async () => {
    const raw = [
      `From: Dana Example <${DANA}>`,
      `To: ${SUPPORT}`,
      'Subject: Invoice for order 1042, please',
      'Message-ID: <changed-subject-1@customer.example.net>',
      `References: <${NEW_ID}> <${agentMessageId}>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Could you send the invoice as PDF?',
      '',
    ].join('\r\n');
    await t.sendRaw(raw);
    const received = await t.received('changed-subject-1@customer.example.net');
    expect(received.conversationId).toBe(conversationId);
    expect(received.message.legId).toBe(legId);
  });

  it('threads a reply without any threading headers by the [#KEY] in its subject', async () => {
    const opened = t.host.events().find((e) => e.type === 'core.conversation.opened.v1' && (e.data as { conversationId: string }).conversationId === conversationId)!;
    const key = (opened.data as { leg: { thread: string } }).leg.thread.split('#')[1]!;
    const raw = [`From: ${DANA}`, `To: ${SUPPORT}`, `Subject: Re: [#${key}] my order`, 'Message-ID: <no-headers-1@customer.example.net>', '', 'Any news?', ''].join('\r\n');
    await t.sendRaw(raw);
    expect((await t.received('no-headers-1@customer.example.net')).message.legId).toBe(legId);
  });

  it('starts a new conversation for a clearly new topic from the same customer, and its replies thread there', async () => {
    const raw = [`From: ${DANA}`, `To: ${SUPPORT}`, 'Subject: Question about another order', 'Message-ID: <new-topic-1@customer.example.net>', '', 'Do you ship to Norway?', ''].join('\r\n');
    await t.sendRaw(raw);
    const received = await t.received('new-topic-1@customer.example.net');
    expect(received.message.legId).not.toBe(legId);
    expect(received.conversationId).not.toBe(conversationId);
    const reply = [`From: ${DANA}`, `To: ${SUPPORT}`, 'Subject: Re: Question about another order', 'Message-ID: <new-topic-2@customer.example.net>', 'In-Reply-To: <new-topic-1@customer.example.net>', 'References: <new-topic-1@customer.example.net>', '', 'Also to Iceland?', ''].join('\r\n');
    await t.sendRaw(reply);
    const threaded = await t.received('new-topic-2@customer.example.net');
    expect(threaded.conversationId).toBe(received.conversationId);
    expect(threaded.message.legId).toBe(received.message.legId);
  });

  it('does not let another sender into the thread with a stolen token or forged In-Reply-To', async () => {
    const raw = [
      'From: mallory@attacker.example.net',
      `To: reply+${token}@${REPLY_DOMAIN}`,
      'Subject: Re: Order #1042 has not arrived',
      'Message-ID: <forged-1@attacker.example.net>',
      `In-Reply-To: <${agentMessageId}>`,
      '',
      'Please send the refund to my account instead.',
      '',
    ].join('\r\n');
    await t.sendRaw(raw, { from: 'mallory@attacker.example.net', to: [`reply+${token}@${REPLY_DOMAIN}`] });
    const received = await t.received('forged-1@attacker.example.net');
    expect(received.conversationId).not.toBe(conversationId);
  });

  it('never files our own mail coming back (a relay copy or Bcc to the inbox) as a customer message', async () => {
    const { response } = await t.sendRaw(agentMail.raw, { from: SUPPORT, to: [SUPPORT] });
    const mailId = /queued as (\S+)/.exec(response)![1];
    const processed = await t.host.waitForEvent<{ mailId: string; outcome: string }>('channel-email.mail.processed.v1', (e) => e.data.mailId === mailId);
    expect(processed.data.outcome).toBe('own_mail');
    expect(t.host.events().some((e) => e.type === 'core.message.received.v1' && (e.data as { message: { providerMessageId: string } }).message.providerMessageId === agentMessageId)).toBe(false);
  });

  it('keeps an auto-reply out of the conversation: a note, no message, no reopening', async () => {
    await setStatus(conversationId, 'pending');
    const before = (await t.messages(conversationId)).filter((m) => !m.private).length;
    await t.sendRaw(replyFixture('inbound-auto-reply.eml'));
    const note = await t.host.waitForEvent<CoreEventData<'core.note.added.v1'>>('core.note.added.v1', (e) => e.data.conversationId === conversationId, 20_000);
    expect(note.data.note.text).toContain('I am out of office until Monday.');
    expect(note.data.note.private).toBe(true);
    expect((await t.messages(conversationId)).filter((m) => !m.private)).toHaveLength(before);
    expect(await conversationStatus(conversationId)).toBe('pending');
    await setStatus(conversationId, 'open');
  });

  it('marks the bounced message failed with the DSN status and diagnostic, and opens nothing', async () => {
    const reply = await t.agentReplies(conversationId, 'Here is your invoice.');
    await deliveryState(reply.id, 'sent');
    const conversations = conversationCount();
    const bounced = `switchboard.${reply.id}@example.com`;
    await t.sendRaw(fixture('inbound-bounce-dsn.eml', { [FIXTURE_BOUNCED_MESSAGE_ID]: bounced }), { from: '' });
    const failed = await deliveryState(reply.id, 'failed');
    expect(failed.data.error).toMatchObject({ code: 'smtp_5.1.1', retryable: false });
    expect(failed.data.error?.message).toContain('User unknown in virtual mailbox table');
    const stored = (await t.messages(conversationId)).find((m) => m.id === reply.id)!;
    expect(stored.delivery.state).toBe('failed');
    expect(conversationCount()).toBe(conversations);
  });

  it('stores attachments and inline images in attachment storage', async () => {
    await t.sendRaw(fixture('inbound-with-attachment.eml'));
    const received = await t.received('CAJx7v9Q3kLmN0pRsT2uVwXyZ1aB4cD5eF6gH7iJ8kL9mN0pS@mail.gmail.example.net');
    expect(received.message.text).toBe('Here is the box (photo attached) and the packing slip inline.');
    const files = received.message.attachments;
    expect(files.map((a) => [a.name, a.contentType, a.size]).sort()).toEqual([
      ['damaged-box.png', 'image/png', 70],
      ['slip.png', 'image/png', 70],
    ]);
    const content = await t.host.request(`/api/v1/attachments/${files[0]!.id}/content`);
    expect(content.status).toBe(200);
    expect(Buffer.from(await content.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
  });

  it('stores the same mail once however often it arrives', async () => {
    const storedBefore = t.host.events().filter((e) => e.type === 'channel-email.mail.received.v1').length;
    const again = await t.sendRaw(fixture('inbound-new-conversation.eml'));
    expect(again.response).toMatch(/^250/);
    // A later mail is processed after any duplicate would have been.
    await t.sendRaw([`From: ${DANA}`, `To: ${SUPPORT}`, 'Subject: later', 'Message-ID: <later-1@customer.example.net>', '', 'later', ''].join('\r\n'));
    await t.received('later-1@customer.example.net');
    const withId = (await t.messages(conversationId)).filter((m: Message) => m.providerMessageId === NEW_ID);
    expect(withId).toHaveLength(1);
    // Only "later" was stored: the repeat was recognised before anything was written.
    expect(t.host.events().filter((e) => e.type === 'channel-email.mail.received.v1').length).toBe(storedBefore + 1);
  });

  it('refuses a mail over smtp.maxMessageBytes with 552 and stores nothing of it', async () => {
    const big = [`From: ${DANA}`, `To: ${SUPPORT}`, 'Subject: huge', 'Message-ID: <huge-1@customer.example.net>', '', 'x'.repeat(300 * 1024), ''].join('\r\n');
    await expect(t.sendRaw(big)).rejects.toMatchObject({ responseCode: 552 });
  });

  it('refuses recipients that are not ours (550), so it never relays', async () => {
    await expect(t.sendRaw(fixture('inbound-new-conversation.eml'), { to: ['someone@elsewhere.example.net'] })).rejects.toMatchObject({ responseCode: 550 });
  });

  it('accepts malformed MIME but records nothing from it', async () => {
    const conversations = conversationCount();
    const receivedBefore = t.host.events().filter((e) => e.type === 'core.message.received.v1').length;
    const sent = await t.sendRaw('This is not\r\na mail at all\r\n\r\n\u0000\u00ff--broken');
    expect(sent.response).toMatch(/^250/);
    const broken = 'Content-Type: multipart/mixed; boundary="x"\r\nSubject: no sender\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nhalf a part';
    await t.sendRaw(broken);
    await t.sendRaw([`From: ${DANA}`, `To: ${SUPPORT}`, 'Subject: after', 'Message-ID: <after-broken@customer.example.net>', '', 'after', ''].join('\r\n'));
    await t.received('after-broken@customer.example.net');
    // Only the well-formed mail, a new topic, opened a conversation.
    expect(conversationCount()).toBe(conversations + 1);
    expect(t.host.events().filter((e) => e.type === 'core.message.received.v1').length).toBe(receivedBefore + 1);
  });

  it('retries a temporary SMTP failure (451) and then sends', async () => {
    t.sink.failNext(451);
    const reply = await t.agentReplies(conversationId, 'Second try works.');
    await deliveryState(reply.id, 'sent');
    expect(t.sink.mails.filter((m) => m.parsed.text?.includes('Second try works.'))).toHaveLength(1);
  });

  it("fails a message permanently on 5xx, with the server's words visible on the message", async () => {
    t.sink.failNext(550);
    const reply = await t.agentReplies(conversationId, 'This one is refused.');
    const failed = await deliveryState(reply.id, 'failed');
    expect(failed.data.error).toMatchObject({ code: 'smtp_550', retryable: false });
    const stored = (await t.messages(conversationId)).find((m) => m.id === reply.id)!;
    expect(stored.delivery.error?.message).toContain('User unknown');
  });

  it('answers on a leg the core opened for the email address (thread = the bare address) in a new mail thread that threads back', async () => {
    const res = await t.host.request(`/api/v1/conversations/${conversationId}/legs`, { method: 'POST', body: JSON.stringify({ channel: 'channel-email', account: 'support' }) });
    expect(res.status).toBe(201);
    const { leg } = (await res.json()) as { leg: { id: string; thread: string } };
    expect(leg.thread).toBe(DANA);
    const reply = await t.agentReplies(conversationId, 'Following up on a new thread.', { legId: leg.id });
    const mail = await t.sink.waitFor((m) => m.parsed.text?.includes('Following up on a new thread.') ?? false);
    await deliveryState(reply.id, 'sent');
    expect(mail.parsed.subject).toMatch(/^\[#[2-9A-HJ-NP-Z]{6}\] Your conversation with Example Support$/);
    expect(mail.parsed.inReplyTo).toBeUndefined();
    const replyTo = mail.parsed.replyTo!.value[0]!.address!;
    expect(replyTo).not.toBe(agentMail.parsed.replyTo!.value[0]!.address);
    const raw = [`From: ${DANA}`, `To: ${replyTo}`, `Subject: Re: ${mail.parsed.subject}`, 'Message-ID: <bare-leg-1@customer.example.net>', '', 'Got it.', ''].join('\r\n');
    await t.sendRaw(raw, { to: [replyTo] });
    const received = await t.received('bare-leg-1@customer.example.net');
    expect(received.message.legId).toBe(leg.id);
  });

  it('sends agent attachments, fetched from their signed URLs', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const form = new FormData();
    form.append('file', new Blob([png], { type: 'image/png' }), 'label.png');
    const upload = await t.host.request('/api/v1/attachments', { method: 'POST', body: form });
    expect(upload.status).toBe(201);
    const ref = (await upload.json()) as { id: string };
    const reply = await t.agentReplies(conversationId, 'Here is the return label.', { attachmentIds: [ref.id] });
    const mail = await t.sink.waitFor((m) => m.parsed.text?.includes('Here is the return label.') ?? false);
    await deliveryState(reply.id, 'sent');
    expect(mail.parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([['label.png', 'image/png']]);
    expect(Buffer.compare(mail.parsed.attachments[0]!.content, png)).toBe(0);
  });

  it('describes its accounts as writing to email identities, without a reply window', async () => {
    const described = await t.host.bus.request(describeChannelCommandName('channel-email'), describeChannelCommand, {});
    expect(described.accounts).toEqual([{ id: 'support', label: SUPPORT, identityType: 'email', replyWindowHours: null }]);
  });

  it('refuses for good what it cannot deliver: a note, an unknown account, an address that is none', async () => {
    const [message] = (await t.messages(conversationId)).filter((m) => m.direction === 'outbound' && !m.private);
    const base: DeliverInput = {
      message: message!,
      leg: { id: 'leg-x', channel: 'channel-email', account: 'support', thread: 'x', identity: null, createdAt: new Date().toISOString() },
      attachments: [],
      attempt: 1,
    };
    const deliver = (input: DeliverInput) => t.host.bus.request(deliverCommandName('channel-email'), deliverCommand, input);
    await expect(deliver({ ...base, message: { ...message!, private: true } })).rejects.toMatchObject({ code: 'not_deliverable', retryable: false });
    await expect(deliver({ ...base, leg: { ...base.leg, account: 'nope' } })).rejects.toMatchObject({ code: 'unknown_account', retryable: false });
    await expect(deliver({ ...base, leg: { ...base.leg, thread: 'dana@customer.example.net\r\nBcc: evil@attacker.example.net', identity: null } })).rejects.toMatchObject({
      code: 'invalid_recipient',
      retryable: false,
    });
  });

  it('threads the customer reply to our agent reply back in, through a real SMTP client', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: t.smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: `Dana <${DANA}>`,
      to: agentMail.parsed.replyTo!.value[0]!.address!,
      subject: `Re: ${agentMail.parsed.subject}`,
      messageId: '<threaded-back-1@customer.example.net>',
      inReplyTo: agentMail.parsed.messageId!,
      references: [agentMail.parsed.messageId!],
      text: 'Thanks!\n\nOn Sun, Alex wrote:\n> Sorry about that',
    });
    transport.close();
    const received = await t.received('threaded-back-1@customer.example.net');
    expect(received.conversationId).toBe(conversationId);
    expect(received.message.legId).toBe(legId);
    expect(received.message.text).toBe('Thanks!');
  });
});
