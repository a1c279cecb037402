import { describe, expect, it } from 'vitest';
import { parseEmail } from './email-parse';
import { EmailErrorCodes } from './email-errors';
import { expectedParse, fixture } from './test-helpers/fixtures';

const expected = expectedParse();
const inbound = Object.keys(expected.files).filter((name) => name.startsWith('inbound-'));

describe('parseEmail on the fixtures', () => {
  it.each(inbound)('%s matches expected-parse.json', async (name) => {
    const mail = await parseEmail(fixture(name));
    const want = expected.files[name]!;
    if (want.message_id) expect(`<${mail.messageId}>`).toBe(want.message_id);
    if (want.in_reply_to !== undefined) expect(mail.inReplyTo).toEqual(want.in_reply_to ? [want.in_reply_to.slice(1, -1)] : []);
    if (want.references) expect(mail.references).toEqual(want.references.map((r) => r.slice(1, -1)));
    if (want.reply_text) expect(mail.reply).toBe(want.reply_text);
    if (want.customer) expect(mail.sender.address).toBe(want.customer);
    expect(Boolean(mail.autoReply)).toBe(Boolean(want.auto_reply) || Boolean(want.bounce));
    if (want.bounce) {
      expect(mail.bounce).toMatchObject({ action: 'failed', status: want.status, recipient: want.failed_recipient, originalMessageId: want.original_message_id!.slice(1, -1) });
      expect(mail.bounce?.diagnostic).toContain('User unknown in virtual mailbox table');
    } else {
      expect(mail.bounce).toBeNull();
    }
    for (const att of want.attachments ?? []) {
      const part = mail.parts.find((p) => p.filename === att.filename);
      expect(part).toMatchObject({ contentType: att.content_type, inline: att.disposition === 'inline', contentId: att.content_id ?? null });
      expect(part?.content.byteLength).toBe(att.size);
    }
  });

  it('keeps the whole text beside the trimmed reply', async () => {
    const mail = await parseEmail(fixture('inbound-reply-with-quote.eml'));
    expect(mail.trimmed).toBe(true);
    expect(mail.text).toContain('1Z999AA10123456784');
    expect(mail.html).toContain('gmail_quote');
    expect(mail.authenticationResults).toContain('dmarc=pass');
  });

  it('strips a "-- " signature and "Sent from my iPhone"', async () => {
    const raw = Buffer.from('From: a@customer.example.net\r\nTo: support@example.com\r\nSubject: hi\r\nMessage-ID: <s1@x>\r\n\r\nWhere is my parcel?\r\n\r\n-- \r\nDana Example\r\nCEO, Example Inc.\r\n');
    expect((await parseEmail(raw)).reply).toBe('Where is my parcel?');
    const iphone = Buffer.from('From: a@customer.example.net\r\nSubject: hi\r\n\r\nOn my way.\r\n\r\nSent from my iPhone\r\n');
    expect((await parseEmail(iphone)).reply).toBe('On my way.');
  });

  it('de-duplicates mail without a Message-ID by a hash of sender, date, subject and body', async () => {
    const raw = 'From: a@customer.example.net\r\nDate: Sun, 22 Nov 2026 13:00:00 +0000\r\nSubject: hi\r\n\r\nbody\r\n';
    const one = await parseEmail(Buffer.from(raw));
    expect(one.messageId).toBeNull();
    expect(one.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await parseEmail(Buffer.from(raw))).dedupeKey).toBe(one.dedupeKey);
    expect((await parseEmail(Buffer.from(raw.replace('body', 'other')))).dedupeKey).not.toBe(one.dedupeKey);
  });

  it('refuses what is not a mail with a sender', async () => {
    await expect(parseEmail(Buffer.from('just some bytes \u0000\u00ff'))).rejects.toMatchObject({ code: EmailErrorCodes.MALFORMED });
    await expect(parseEmail(Buffer.from('Subject: no sender\r\n\r\nhello'))).rejects.toMatchObject({ code: EmailErrorCodes.MALFORMED });
    await expect(parseEmail(Buffer.from('From: not an address\r\n\r\nhello'))).rejects.toMatchObject({ code: EmailErrorCodes.MALFORMED });
  });

  it('contains CR/LF smuggled into encoded headers', async () => {
    // =?UTF-8?B?...?= decodes to "Order\r\nBcc: evil@example.net"
    const encoded = Buffer.from('Order\r\nBcc: evil@example.net').toString('base64');
    const raw = Buffer.from(`From: =?UTF-8?B?${Buffer.from('Dana\r\nX-Evil: 1').toString('base64')}?= <dana@customer.example.net>\r\nSubject: =?UTF-8?B?${encoded}?=\r\n\r\nhi\r\n`);
    const mail = await parseEmail(raw);
    expect(mail.subject).toBe('Order Bcc: evil@example.net');
    expect(mail.from.name).toBe('Dana X-Evil: 1');
  });
});
