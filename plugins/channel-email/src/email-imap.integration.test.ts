import type { CoreEventData } from '@switchboard/events';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmailHost, SUPPORT, type EmailTestHost } from './test-helpers/email-host';
import { startDovecot, type TestDovecot } from './test-helpers/dovecot';
import { fixture } from './test-helpers/fixtures';

type Received = CoreEventData<'core.message.received.v1'>;

const NEW_ID = 'CAJx7v9Q3kLmN0pRsT2uVwXyZ1aB4cD5eF6gH7iJ8kL9mN0pQ@mail.gmail.example.net';
const ATTACHMENT_ID = 'CAJx7v9Q3kLmN0pRsT2uVwXyZ1aB4cD5eF6gH7iJ8kL9mN0pS@mail.gmail.example.net';

let dovecot: TestDovecot;
let admin: ImapFlow;
let t: EmailTestHost;

function mail(id: string, text: string, from = 'erin@customer.example.net'): string {
  return [`From: Erin <${from}>`, `To: ${SUPPORT}`, `Subject: ${text}`, `Message-ID: <${id}>`, 'Date: Sun, 22 Nov 2026 13:00:00 +0000', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n');
}

function receivedCount(providerMessageId: string): number {
  return t.host.events().filter((e) => e.type === 'core.message.received.v1' && (e.data as Received).message.providerMessageId === providerMessageId).length;
}

/** Mails the plugin stored (each publishes one event); a repeat that is recognised publishes none. */
function storedMails(): number {
  return t.host.events().filter((e) => e.type === 'channel-email.mail.received.v1').length;
}

async function flagsOf(mailbox: string): Promise<Map<string, string[]>> {
  const lock = await admin.getMailboxLock(mailbox);
  const out = new Map<string, string[]>();
  try {
    for await (const m of admin.fetch('1:*', { uid: true, flags: true, envelope: true })) {
      out.set(String(m.envelope?.messageId ?? m.uid), [...(m.flags ?? [])].filter((f) => f !== '\\Recent'));
    }
  } finally {
    lock.release();
  }
  return out;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  dovecot = await startDovecot();
  admin = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.pass }, logger: false });
  await admin.connect();
  await admin.mailboxCreate('Sales');
  await admin.mailboxCreate('Sales-Done');
  // Mail already waiting before the plugin ever connects.
  await admin.append('INBOX', fixture('inbound-new-conversation.eml'));
  await admin.append('INBOX', fixture('inbound-with-attachment.eml'));
  await admin.append('Sales', mail('sales-1@customer.example.net', 'Bulk order of 40 chairs'));
  const imap = (mailbox: string, processed: unknown) => ({ host: '127.0.0.1', port: dovecot.port, secure: false, user: dovecot.user, password: dovecot.pass, mailbox, processed, pollSeconds: 30 });
  t = await startEmailHost({
    accounts: ([support]) => [
      { ...support, imap: imap('INBOX', { action: 'flag', flag: '\\Seen' }) },
      { id: 'sales', address: 'sales@example.com', imap: imap('Sales', { action: 'move', mailbox: 'Sales-Done' }) },
    ],
  });
});
afterAll(async () => {
  await t?.stop();
  await admin?.logout().catch(() => undefined);
  await dovecot?.stop();
});

describe('channel-email reading mailboxes over IMAP (real Dovecot)', () => {
  it('takes the mail waiting in the mailbox, files it, and flags it \\Seen', async () => {
    const first = await t.received(NEW_ID);
    expect(first.message.text).toContain('My order #1042 was due on Friday');
    const withFiles = await t.received(ATTACHMENT_ID);
    expect(withFiles.message.attachments.map((a) => a.name).sort()).toEqual(['damaged-box.png', 'slip.png']);
    const flags = await until('\\Seen on both', async () => {
      const f = await flagsOf('INBOX');
      return [...f.values()].every((x) => x.includes('\\Seen')) && f.size === 2 ? f : undefined;
    });
    expect(flags.get(`<${NEW_ID}>`)).toContain('\\Seen');
  });

  it('moves processed mail of a move-configured mailbox, on its own account', async () => {
    const received = await t.received('sales-1@customer.example.net');
    const legs = t.host.events().filter((e) => e.type === 'core.conversation.opened.v1' && (e.data as { conversationId: string }).conversationId === received.conversationId);
    expect((legs[0]!.data as { leg: { account: string } }).leg.account).toBe('sales');
    await until('the move', async () => ((await flagsOf('Sales-Done')).has('<sales-1@customer.example.net>') ? true : undefined));
    expect((await flagsOf('Sales')).size).toBe(0);
  });

  it('wakes up on new mail through IDLE', async () => {
    await admin.append('INBOX', mail('idle-1@customer.example.net', 'Arrived while idling'));
    const received = await t.received('idle-1@customer.example.net');
    expect(received.message.text).toBe('Arrived while idling');
  });

  it('stores a mail that came by SMTP and then shows up in the mailbox only once', async () => {
    const before = storedMails();
    await t.sendRaw(mail('both-1@customer.example.net', 'Sent to both routes'));
    await t.received('both-1@customer.example.net');
    await admin.append('INBOX', mail('both-1@customer.example.net', 'Sent to both routes'));
    // The same Message-ID twice in the mailbox too.
    await admin.append('INBOX', mail('both-1@customer.example.net', 'Sent to both routes'));
    await admin.append('INBOX', mail('after-both@customer.example.net', 'A later mail'));
    await t.received('after-both@customer.example.net');
    await until('every copy flagged', async () => {
      const inbox = await admin.search({ seen: false }, { uid: true });
      return inbox && inbox.length === 0 ? true : undefined;
    });
    expect(receivedCount('both-1@customer.example.net')).toBe(1);
    // both-1 by SMTP and after-both by IMAP; the two IMAP copies of both-1 were recognised unread.
    expect(storedMails()).toBe(before + 2);
  });

  it('never takes a message twice, even when someone marks it unread again', async () => {
    const before = storedMails();
    const lock = await admin.getMailboxLock('INBOX');
    try {
      const [uid] = (await admin.search({ header: { 'message-id': NEW_ID } }, { uid: true })) || [];
      expect(uid).toBeDefined();
      await admin.messageFlagsRemove(String(uid), ['\\Seen'], { uid: true });
    } finally {
      lock.release();
    }
    await admin.append('INBOX', mail('after-unread@customer.example.net', 'Yet another mail'));
    await t.received('after-unread@customer.example.net');
    await until('\\Seen again', async () => ((await flagsOf('INBOX')).get(`<${NEW_ID}>`)?.includes('\\Seen') ? true : undefined));
    expect(receivedCount(NEW_ID)).toBe(1);
    expect(storedMails()).toBe(before + 1);
  });

  it('picks up where it left off after a restart, without repeating anything', async () => {
    const before = storedMails();
    await t.host.restart();
    await admin.append('INBOX', mail('after-restart@customer.example.net', 'After the restart'));
    await t.received('after-restart@customer.example.net');
    expect(receivedCount(NEW_ID)).toBe(1);
    expect(receivedCount('idle-1@customer.example.net')).toBe(1);
    expect(storedMails()).toBe(before + 1);
  });
});

describe('channel-email with a mailbox it cannot log in to', () => {
  it('keeps running (and receiving by SMTP) while it retries IMAP in the background', async () => {
    const broken = await startEmailHost({
      accounts: ([support]) => [{ ...support, imap: { host: '127.0.0.1', port: dovecot.port, secure: false, user: dovecot.user, password: 'wrong-password', pollSeconds: 1 } }],
    });
    try {
      await broken.sendRaw(mail('while-imap-broken@customer.example.net', 'SMTP still works'));
      expect((await broken.received('while-imap-broken@customer.example.net')).message.text).toBe('SMTP still works');
      expect((await broken.host.request('/readyz')).status).toBe(200);
    } finally {
      await broken.stop();
    }
  });
});
