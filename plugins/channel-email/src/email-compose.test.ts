import type { DeliverInput } from '@switchboard/events';
import nodemailer from 'nodemailer';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { composeReply, toNodemailerMessage } from './email-compose';
import { EmailConfigSchema } from './email-config';
import type { EmailThread } from './email-store';

const config = v.parse(EmailConfigSchema, {
  accounts: [{ id: 'support', address: 'support@example.com', fromName: 'Example Support', replyDomain: 'inbound.example.com', signature: '-- \n{{agentName}}, {{accountName}}' }],
});
const account = config.accounts[0]!;

function input(overrides: { text?: string; name?: string | null; kind?: 'agent' | 'bot' } = {}): DeliverInput {
  return {
    message: {
      id: '01JDTESTMESSAGE0000000000A',
      conversationId: 'c1',
      legId: 'l1',
      channel: 'channel-email',
      direction: 'outbound',
      private: false,
      sender: { kind: overrides.kind ?? 'agent', id: 'a1', name: overrides.name === undefined ? 'Alex' : overrides.name },
      text: overrides.text ?? 'Hello Dana',
      attachments: [],
      delivery: { state: 'queued', error: null },
      clientMessageId: 'x',
      providerMessageId: null,
      replyToMessageId: null,
      createdAt: '2026-11-22T13:20:00.000Z',
    },
    leg: { id: 'l1', channel: 'channel-email', account: 'support', thread: 'dana@customer.example.net#K7P2QX', identity: { type: 'email', value: 'dana@customer.example.net' }, createdAt: '2026-11-22T13:00:00.000Z' },
    attachments: [],
    attempt: 1,
  };
}

const thread: EmailThread = { token: 'abcdefghijkmnpqrstuvwxyz', threadKey: 'K7P2QX', account: 'support', thread: 'dana@customer.example.net#K7P2QX', contactEmail: 'dana@customer.example.net', subject: 'Order #1042 has not arrived', conversationId: 'c1' };

async function render(mail: ReturnType<typeof composeReply>): Promise<string> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await transport.sendMail(toNodemailerMessage(mail, account.address));
  return (info.message as Buffer).toString('utf8');
}

/** The header lines, unfolded. */
function headerSection(raw: string): string[] {
  return raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ').split('\r\n');
}

describe('composeReply', () => {
  it('answers the parent with Re:, In-Reply-To, References, the reply address and the signature', async () => {
    const parent = { messageId: 'CAJx@mail.gmail.example.net', refs: ['root@x'] };
    const mail = composeReply({ input: input(), account, thread, parent, references: ['root@x', 'CAJx@mail.gmail.example.net'], hasInbound: true });
    const raw = await render(mail);
    const headers = headerSection(raw);
    expect(headers).toContain('Subject: Re: Order #1042 has not arrived');
    expect(headers).toContain('In-Reply-To: <CAJx@mail.gmail.example.net>');
    expect(headers).toContain('References: <root@x> <CAJx@mail.gmail.example.net>');
    expect(headers).toContain('Reply-To: Example Support <reply+abcdefghijkmnpqrstuvwxyz@inbound.example.com>');
    expect(headers).toContain('From: Alex from Example Support <support@example.com>');
    expect(headers).toContain('Message-ID: <switchboard.01JDTESTMESSAGE0000000000A@example.com>');
    expect(headers.some((h) => h.startsWith('Auto-Submitted'))).toBe(false);
    expect(mail.text).toBe('Hello Dana\n\n-- \nAlex, Example Support');
  });

  it('puts the [#KEY] in the subject of a thread we started, and marks bot mail Auto-Submitted', async () => {
    const mail = composeReply({ input: input({ kind: 'bot', name: null }), account, thread: { ...thread, subject: '' }, parent: null, references: [], hasInbound: false });
    expect(mail.subject).toBe('[#K7P2QX] Your conversation with Example Support');
    expect(mail.headers['Auto-Submitted']).toBe('auto-generated');
    expect(mail.inReplyTo).toBeNull();
  });

  it('contains CR/LF injection from agent names and stored subjects: no extra header line', async () => {
    const mail = composeReply({
      input: input({ name: 'Alex\r\nBcc: evil@attacker.example.net', text: 'Hi\r\nBcc: body@attacker.example.net' }),
      account,
      thread: { ...thread, subject: 'Order\r\nBcc: evil2@attacker.example.net\r\n\r\nInjected body' },
      parent: null,
      references: [],
      hasInbound: true,
    });
    const raw = await render(mail);
    const headers = headerSection(raw);
    expect(headers.filter((h) => /^bcc:/i.test(h))).toEqual([]);
    expect(headers.filter((h) => /^[A-Za-z-]+:/.test(h)).map((h) => h.split(':')[0]!.toLowerCase()).sort()).toEqual(
      ['content-type', 'date', 'from', 'message-id', 'mime-version', 'reply-to', 'subject', 'to'].sort(),
    );
    // The agent's text may say anything: it stays in the body.
    expect(raw.slice(raw.indexOf('\r\n\r\n'))).toContain('Bcc: body@attacker.example.net');
  });

  it('lists quick replies as numbered choices', () => {
    const base = input({ text: 'Which day suits you?' });
    base.message.content = { quickReplies: [{ title: 'Monday', payload: 'mon' }, { title: 'Tuesday', payload: 'tue' }] };
    const mail = composeReply({ input: base, account: { ...account, signature: undefined }, thread, parent: null, references: [], hasInbound: true });
    expect(mail.text).toBe('Which day suits you?\n\n1. Monday\n2. Tuesday');
  });
});
