import type { CoreEventData } from '@switchboard/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatPlugin } from './test-helpers/chat-plugin';
import { REPLY_DOMAIN, SUPPORT, startEmailHost, type EmailTestHost } from './test-helpers/email-host';

type LegAdded = CoreEventData<'core.conversation.leg_added.v1'>;

const PAT = 'pat@customer.example.net';
let t: EmailTestHost;

beforeAll(async () => {
  t = await startEmailHost({ extra: { continuity: { enabled: true, delaySeconds: 1, checkSeconds: 1 } }, plugins: [{ definition: chatPlugin }] });
});
afterAll(async () => {
  await t?.stop();
});

async function chat(path: 'messages' | 'read', body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${t.host.url}/plugins/test-chat/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

describe('chat-to-email continuity', () => {
  let conversationId: string;
  let chatLegId: string;

  it('emails unread chat replies to the address the visitor left, on a new email leg of the same conversation', async () => {
    const first = await chat('messages', { visitor: 'visitor-1', id: 'chat-1', text: 'Hi, is the blue sofa in stock?', email: PAT });
    conversationId = String(first.conversationId);
    const reply = await t.agentReplies(conversationId, 'Yes, we have two left. Shall I reserve one?');
    chatLegId = reply.legId!;
    expect(reply.channel).toBe('test-chat');

    const mail = await t.sink.waitFor((m) => m.envelope.rcptTo.includes(PAT));
    expect(mail.parsed.text).toContain('Yes, we have two left. Shall I reserve one?');
    expect(mail.parsed.subject).toMatch(/^\[#[2-9A-HJ-NP-Z]{6}\] Your conversation with Example Support$/);
    expect(mail.parsed.from?.value[0]?.address).toBe(SUPPORT);
    expect(mail.parsed.replyTo?.value[0]?.address).toMatch(new RegExp(`^reply\\+[a-z0-9]{24}@${REPLY_DOMAIN.replace(/\./g, '\\.')}$`));

    const added = await t.host.waitForEvent<LegAdded>('core.conversation.leg_added.v1', (e) => e.data.conversationId === conversationId && e.data.leg.channel === 'channel-email');
    expect(added.data.leg.identity).toEqual({ type: 'email', value: PAT });
    expect(added.data.leg.thread.startsWith(`${PAT}#`)).toBe(true);
    const emailed = (await t.messages(conversationId)).filter((m) => m.channel === 'channel-email');
    expect(emailed).toHaveLength(1);
    expect(emailed[0]!.legId).toBe(added.data.leg.id);
  });

  it("files the customer's email answer in the same conversation, on the email leg", async () => {
    const mail = t.sink.mails.find((m) => m.envelope.rcptTo.includes(PAT))!;
    const raw = [
      `From: Pat <${PAT}>`,
      `To: ${mail.parsed.replyTo!.value[0]!.address}`,
      `Subject: Re: ${mail.parsed.subject}`,
      'Message-ID: <pat-answer-1@customer.example.net>',
      `In-Reply-To: ${mail.parsed.messageId}`,
      `References: ${mail.parsed.messageId}`,
      '',
      'Yes please, reserve one for Saturday.',
      '',
      `On Sun, Example Support <${SUPPORT}> wrote:`,
      '> Yes, we have two left.',
      '',
    ].join('\r\n');
    await t.sendRaw(raw, { from: PAT, to: [mail.parsed.replyTo!.value[0]!.address!] });
    const received = await t.received('pat-answer-1@customer.example.net');
    expect(received.conversationId).toBe(conversationId);
    expect(received.message.channel).toBe('channel-email');
    expect(received.message.text).toBe('Yes please, reserve one for Saturday.');
  });

  it('does not email a reply the visitor read in the chat', async () => {
    const second = await chat('messages', { visitor: 'visitor-2', id: 'chat-2', text: 'Do you deliver on Sundays?', email: 'quinn@customer.example.net' });
    const id = String(second.conversationId);
    const read = await t.agentReplies(id, 'No, only Monday to Saturday.');
    await chat('read', { messageId: read.id });
    const unread = await t.agentReplies(id, 'Anything else I can help with?');
    const mail = await t.sink.waitFor((m) => m.envelope.rcptTo.includes('quinn@customer.example.net'));
    expect(mail.parsed.text).toContain('Anything else I can help with?');
    expect(mail.parsed.text).not.toContain('only Monday to Saturday');
    expect(unread.legId).not.toBe(chatLegId);
  });

  it('does not email anyone when the visitor left no usable address (a header injection attempt)', async () => {
    const third = await chat('messages', { visitor: 'visitor-3', id: 'chat-3', text: 'Just browsing', email: 'sam@customer.example.net\r\nBcc: evil@attacker.example.net' });
    const id = String(third.conversationId);
    await t.agentReplies(id, 'Let us know if you need help!');
    // A later conversation with an address is emailed after this one was due: by then this one was decided.
    const fourth = await chat('messages', { visitor: 'visitor-4', id: 'chat-4', text: 'Price of the lamp?', email: 'robin@customer.example.net' });
    await t.agentReplies(String(fourth.conversationId), 'It is 49 euros.');
    await t.sink.waitFor((m) => m.envelope.rcptTo.includes('robin@customer.example.net'));
    expect(t.sink.mails.some((m) => m.parsed.text?.includes('Let us know if you need help!'))).toBe(false);
    expect(t.sink.mails.some((m) => m.envelope.rcptTo.some((r) => r.includes('attacker')))).toBe(false);
    expect(t.host.events().some((e) => e.type === 'core.conversation.leg_added.v1' && (e.data as LegAdded).conversationId === id)).toBe(false);
  });
});
