import type { DeliverInput } from '@switchboard/events';
import type { SendMailOptions } from 'nodemailer';
import { safeDisplayName, safeSubject } from './email-address';
import { messageIdDomainOf, replyDomainOf, type EmailAccount } from './email-config';
import type { EmailThread } from './email-store';

/** The headers and bodies of one outbound mail, before attachments. */
export type ComposedMail = {
  messageId: string;
  from: { name: string | undefined; address: string };
  replyTo: { name: string | undefined; address: string };
  to: string;
  subject: string;
  inReplyTo: string | null;
  references: string[];
  text: string;
  html: string;
  headers: Record<string, string>;
};

/**
 * The Message-ID of an outbound core message: stable across retries (a resend is the same mail
 * to the recipient's client), unique by the core's message id.
 *
 * @example
 * outboundMessageId('01JD…', account); // 'switchboard.01JD…@example.com'
 */
export function outboundMessageId(coreMessageId: string, account: EmailAccount): string {
  return `switchboard.${coreMessageId.replace(/[^A-Za-z0-9._-]/g, '_')}@${messageIdDomainOf(account)}`;
}

/**
 * Fills `{{agentName}}` and `{{accountName}}` in the account's signature template.
 *
 * @example
 * renderSignature('-- \n{{agentName}}, {{accountName}}', 'Alex', 'Example Support'); // '-- \nAlex, Example Support'
 */
export function renderSignature(template: string, agentName: string, accountName: string): string {
  return template.replace(/\{\{\s*agentName\s*\}\}/g, agentName).replace(/\{\{\s*accountName\s*\}\}/g, accountName);
}

/**
 * Builds an agent's reply as mail: From "<agent> from <account name>" on the account's address,
 * Reply-To `reply+<token>@<reply domain>`, `Re: <topic>` (with `[#KEY]` on threads we started),
 * In-Reply-To/References answering `parent`, text and HTML bodies with the signature. Every header
 * value is made single-line here; what nodemailer encodes cannot carry a CR/LF.
 *
 * @example
 * const mail = composeReply({ input, account, thread, parent, hasInbound: true });
 */
export function composeReply(options: {
  input: DeliverInput;
  account: EmailAccount;
  thread: EmailThread;
  parent: { messageId: string; refs: string[] } | null;
  references: string[];
  hasInbound: boolean;
}): ComposedMail {
  const { input, account, thread, parent } = options;
  const accountName = safeDisplayName(account.fromName ?? account.label) ?? account.address;
  const agentName = safeDisplayName(input.message.sender.name);
  const topic = safeSubject(thread.subject) || `Your conversation with ${accountName}`;
  const subject = options.hasInbound ? `Re: ${topic}` : `[#${thread.threadKey}] ${topic}`;

  let text = input.message.text.replace(/\r\n?/g, '\n');
  const quickReplies = input.message.content?.quickReplies ?? [];
  if (quickReplies.length > 0) text += `\n\n${quickReplies.map((q, i) => `${i + 1}. ${q.title}`).join('\n')}`;
  const signature = account.signature ? renderSignature(account.signature, agentName ?? accountName, accountName) : '';
  const fullText = signature ? `${text}\n\n${signature}` : text;

  const headers: Record<string, string> = {};
  // RFC 3834: only automated mail says so; a person's reply must stay answerable by autoresponders' rules.
  if (input.message.sender.kind === 'bot' || input.message.sender.kind === 'system') headers['Auto-Submitted'] = 'auto-generated';

  return {
    messageId: outboundMessageId(input.message.id, account),
    from: { name: agentName ? safeDisplayName(`${agentName} from ${accountName}`) : accountName, address: account.address },
    replyTo: { name: accountName, address: `reply+${thread.token}@${replyDomainOf(account)}` },
    to: thread.contactEmail,
    subject: safeSubject(subject),
    inReplyTo: parent?.messageId ?? null,
    references: options.references,
    text: fullText,
    html: textToHtml(text) + (signature ? `<div class="signature">${textToHtml(signature)}</div>` : ''),
    headers,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/**
 * The nodemailer message for a composed mail: our Message-ID, threading headers, text + HTML,
 * the envelope sender on the account's own address (bounces come back to it).
 *
 * @example
 * await transport.sendMail(toNodemailerMessage(mail, account.address, attachments));
 */
export function toNodemailerMessage(mail: ComposedMail, envelopeFrom: string, attachments: SendMailOptions['attachments'] = []): SendMailOptions {
  return {
    messageId: `<${mail.messageId}>`,
    from: { name: mail.from.name ?? '', address: mail.from.address },
    replyTo: { name: mail.replyTo.name ?? '', address: mail.replyTo.address },
    to: mail.to,
    subject: mail.subject,
    ...(mail.inReplyTo ? { inReplyTo: `<${mail.inReplyTo}>` } : {}),
    ...(mail.references.length > 0 ? { references: mail.references.map((r) => `<${r}>`) } : {}),
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    attachments,
    envelope: { from: envelopeFrom, to: [mail.to] },
    // Nothing in a message may make nodemailer read a file or fetch a URL on its own.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
