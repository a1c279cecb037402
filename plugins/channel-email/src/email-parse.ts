import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { autoReplyReason } from './email-auto-reply';
import { readBounce, type Bounce } from './email-bounce';
import { EmailError, EmailErrorCodes } from './email-errors';
import { messageIdList, normaliseAddress, normaliseMessageId, safeDisplayName, safeSubject } from './email-address';
import { splitMessage } from './email-mime-parts';
import { trimReply } from './email-reply-trim';

/** One mailbox of an address header. */
export type MailAddress = { address: string; name: string | undefined };

/** A file carried by a mail: an attachment, or an inline part the HTML refers to by `cid:`. */
export type MailPart = {
  filename: string;
  contentType: string;
  content: Uint8Array;
  inline: boolean;
  /** Without angle brackets. */
  contentId: string | null;
};

/** Everything the plugin needs from one mail, decoded; built without side effects. */
export type ParsedEmail = {
  /** The Message-ID without brackets, or null when the mail has none (or a broken one). */
  messageId: string | null;
  /** What de-duplicates the mail: the Message-ID, else a hash of sender, date, subject and the first KB of body. */
  dedupeKey: string;
  inReplyTo: string[];
  references: string[];
  /** The customer: `Reply-To` if present, otherwise `From` (lower-cased). */
  sender: MailAddress;
  from: MailAddress;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  date: string | null;
  /** The whole text (the text part, or the text mailparser derives from the HTML). */
  text: string;
  /** The new content only (quotes and signature removed). */
  reply: string;
  trimmed: boolean;
  /** The HTML part as sent (sanitise it before showing it: see sanitizeEmailHtml). */
  html: string | null;
  parts: MailPart[];
  autoReply: string | null;
  bounce: Bounce | null;
  /** `Authentication-Results` (SPF/DKIM/DMARC) as the receiving server wrote it. */
  authenticationResults: string | null;
};

/** Most bytes of the body hashed into a dedupe key for mail without a Message-ID. */
const DEDUPE_BODY_BYTES = 1024;

/**
 * Parses a raw RFC 5322 message (MIME, transfer encodings, charsets, RFC 2047/2231 via
 * mailparser) into a {@link ParsedEmail}. Throws an EmailError `SWB_ERR_EMAIL_MALFORMED` for what
 * is not a mail a sender can be found in; never anything else.
 *
 * @example
 * const mail = await parseEmail(readFileSync('inbound-new-conversation.eml'));
 * mail.sender.address; // 'dana@customer.example.net'
 */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const top = splitMessage(raw.toString('latin1'));
  if (top.headers.size === 0) throw malformed('it has no header section');
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, keepCidLinks: true });
  } catch (cause) {
    throw malformed('its MIME structure cannot be decoded', cause);
  }
  const from = firstAddress(parsed.from);
  if (!from) throw malformed('it has no usable From address');
  const replyTo = firstAddress(parsed.replyTo);
  const subject = safeSubject(parsed.subject ?? '');
  const text = (parsed.text ?? '').replace(/\r\n/g, '\n');
  const messageId = normaliseMessageId(top.headers.get('message-id'));
  const key = dedupeKeyOf(raw);
  const { reply, trimmed } = trimReply(text);
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null;
  return {
    messageId,
    dedupeKey: key,
    inReplyTo: messageIdList(parsed.inReplyTo),
    references: messageIdList(parsed.references),
    sender: replyTo ?? from,
    from,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject,
    date,
    text,
    reply,
    trimmed,
    html: typeof parsed.html === 'string' && parsed.html.trim() ? parsed.html : null,
    parts: parsed.attachments.map((a, i) => ({
      filename: a.filename?.trim() || `attachment-${i + 1}${extensionOf(a.contentType)}`,
      contentType: a.contentType || 'application/octet-stream',
      content: new Uint8Array(a.content),
      inline: a.contentDisposition === 'inline' || a.related === true,
      contentId: a.contentId ? a.contentId.replace(/^<|>$/g, '') : null,
    })),
    autoReply: autoReplyReason(top.headers, subject),
    bounce: readBounce(raw),
    authenticationResults: top.headers.get('authentication-results') ?? null,
  };
}

function malformed(why: string, cause?: unknown): EmailError {
  return new EmailError({ code: EmailErrorCodes.MALFORMED, message: `channel-email: the mail was refused because ${why}`, cause });
}

function addresses(header: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = Array.isArray(header) ? header : header ? [header] : [];
  const out: MailAddress[] = [];
  for (const group of list) {
    for (const entry of group.value) {
      // Group syntax (`undisclosed-recipients:;`) nests its members.
      for (const member of entry.group ?? [entry]) {
        const address = normaliseAddress(member.address);
        if (address && !out.some((a) => a.address === address)) out.push({ address, name: safeDisplayName(member.name) });
      }
    }
  }
  return out;
}

function firstAddress(header: AddressObject | AddressObject[] | undefined): MailAddress | null {
  return addresses(header)[0] ?? null;
}

/**
 * The de-duplication key of a raw mail, from its header section alone (so the SMTP server can
 * tell a repeat before parsing): the Message-ID without brackets, else `sha256:` of the raw From,
 * Date and Subject headers and the first KB of the body.
 *
 * @example
 * dedupeKeyOf(Buffer.from('Message-ID: <a@b>\r\n\r\nhi')); // 'a@b'
 */
export function dedupeKeyOf(raw: Buffer): string {
  const { headers, body } = splitMessage(raw.toString('latin1'));
  const messageId = normaliseMessageId(headers.get('message-id'));
  if (messageId) return messageId;
  const parts = [headers.get('from') ?? '', headers.get('date') ?? '', headers.get('subject') ?? '', body.slice(0, DEDUPE_BODY_BYTES)];
  return `sha256:${createHash('sha256').update(parts.join('\n')).digest('hex')}`;
}

function extensionOf(contentType: string): string {
  const sub = /^[a-z]+\/([a-z0-9.+-]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (!sub) return '.bin';
  const known: Record<string, string> = { jpeg: '.jpg', png: '.png', gif: '.gif', pdf: '.pdf', plain: '.txt', html: '.html', 'rfc822-headers': '.txt', rfc822: '.eml' };
  return known[sub] ?? '.bin';
}
