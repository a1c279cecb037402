import { coreCommands } from '@switchboard/events';
import { isSwitchboardError, type ChannelAdapter, type Logger, type PluginAttachments, type PluginBus } from '@switchboard/plugin-sdk';
import { baseSubject } from './email-address';
import type { EmailConfig } from './email-config';
import { EmailError, EmailErrorCodes } from './email-errors';
import { sanitizeEmailHtml } from './email-html';
import { parseEmail, type ParsedEmail } from './email-parse';
import type { EmailStore, EmailThread } from './email-store';
import { resolveThread } from './email-thread-resolve';

/** The longest text the core stores for one message. */
const CORE_MAX_TEXT = 65_536;
/** Most characters of an auto-reply kept in the note agents see. */
const MAX_NOTE_TEXT = 1000;

/** What became of one mail. */
export type MailOutcome = 'message' | 'auto_reply' | 'bounce' | 'bounce_delayed' | 'bounce_unmatched' | 'own_mail' | 'refused';

/** What {@link createInboundProcessor} needs from the plugin. */
export type InboundProcessorOptions = {
  id: string;
  config: EmailConfig;
  store: EmailStore;
  channel: Pick<ChannelAdapter, 'recordInbound' | 'updateDelivery'>;
  attachments: PluginAttachments;
  bus: Pick<PluginBus, 'request'>;
  logger: Logger;
};

/**
 * Turns stored raw mails into core records: a customer message (recordInbound, with its files in
 * attachment storage), a bounce (updateDelivery → failed on the message it reports), or an
 * auto-reply (a private note at most). Idempotent on the mail id: a mail already processed is
 * skipped. A malformed mail is refused as a whole: logged, nothing stored in the core.
 *
 * @example
 * const process = createInboundProcessor({ id: ctx.id, config: ctx.config, store, channel, attachments: ctx.attachments, bus: ctx.bus, logger: ctx.logger });
 * await process(mailId);
 */
export function createInboundProcessor(options: InboundProcessorOptions): (mailId: string) => Promise<MailOutcome | null> {
  const { config, store, channel, logger } = options;
  const replyDomains = [...new Set(config.accounts.map((a) => a.replyDomain ?? a.address.split('@')[1]!))];
  const ownAddresses = new Set(config.accounts.flatMap((a) => [a.address, ...a.aliases]));

  return async (mailId) => {
    const stored = await store.mail(mailId);
    if (!stored || stored.state !== 'received') return null;
    const log = logger.child({ mailId, account: stored.account, source: stored.source });
    let mail: ParsedEmail;
    try {
      mail = await parseEmail(stored.raw);
    } catch (err) {
      if (!(err instanceof EmailError)) throw err;
      log.warn({ code: err.code, reason: err.message }, 'mail refused');
      await store.finishMail(mailId, 'refused', err.message);
      return 'refused';
    }
    const envelopeRecipients = recipientsOf(stored.envelope);

    if (mail.bounce) {
      const { bounce } = mail;
      const sent = bounce.originalMessageId ? await store.sentMessageId(bounce.originalMessageId) : null;
      if (bounce.action === 'delayed') {
        await store.finishMail(mailId, 'bounce_delayed', bounce.diagnostic);
        return 'bounce_delayed';
      }
      if (!sent?.coreMessageId) {
        log.info({ originalMessageId: bounce.originalMessageId, status: bounce.status }, 'bounce for a mail we did not send; ignored');
        await store.finishMail(mailId, 'bounce_unmatched', bounce.diagnostic);
        return 'bounce_unmatched';
      }
      const reason = `${bounce.recipient ? `${bounce.recipient}: ` : ''}${bounce.diagnostic || 'the receiving server refused the mail'}`;
      await channel.updateDelivery({
        messageId: sent.coreMessageId,
        state: 'failed',
        error: { code: bounce.status ? `smtp_${bounce.status}` : 'bounced', message: reason.slice(0, 1000), retryable: false },
      });
      log.info({ messageId: sent.coreMessageId, status: bounce.status }, 'bounce marked the message failed');
      await store.finishMail(mailId, 'bounce', reason, sent.coreMessageId);
      return 'bounce';
    }

    // Our own mail coming back (a relay's copy, a Bcc to the inbox, a Sent folder) is no customer's.
    if (ownAddresses.has(mail.from.address) || (await store.sentMessageId(mail.dedupeKey))) {
      await store.finishMail(mailId, 'own_mail', mail.from.address);
      return 'own_mail';
    }

    const found = await resolveThread(mail, { store, account: stored.account, replyDomains, envelopeRecipients });

    if (mail.autoReply) {
      // RFC 3834: no reopening, no notification, no answer. Agents may still want to know.
      const conversationId = found?.thread.conversationId;
      if (conversationId && config.inbound.autoReplies === 'note') {
        const body = (mail.reply || mail.subject).slice(0, MAX_NOTE_TEXT);
        await options.bus.request('core.conversation.add_note.v1', coreCommands['core.conversation.add_note.v1'], {
          conversationId,
          clientMessageId: `${options.id}:auto-reply:${mailId}`,
          text: `Automatic reply from ${mail.sender.address} (${mail.autoReply}):\n\n${body}`,
          author: { kind: 'bot', id: options.id, name: 'Email' },
        });
      }
      await store.finishMail(mailId, 'auto_reply', mail.autoReply);
      return 'auto_reply';
    }

    const thread = found?.thread ?? (await store.createThread({ account: stored.account, contactEmail: mail.sender.address, subject: baseSubject(mail.subject) }));
    // Remembered before the core call: a retry after a failure finds the same thread through it.
    await store.rememberMessageId({ account: stored.account, messageId: mail.dedupeKey, token: thread.token, direction: 'in', coreMessageId: null, refs: mail.references });
    const { attachmentIds, html, notes } = await storeParts(mail, options.attachments, config, log);
    const text = composeText(mail, notes);
    if (shouldAttachOriginal(mail, config)) {
      const original = await putSafely(options.attachments, { data: stored.raw, filename: 'original.eml', declaredType: 'text/plain' }, log);
      if (original) attachmentIds.push(original);
    }
    const result = await channel.recordInbound({
      account: stored.account,
      thread: thread.thread,
      // A mail that threads to nothing we know is a new topic: a case of its own, not a leg of
      // whatever the customer has open.
      newThread: found ? 'contact' : 'new',
      from: { identity: { type: 'email', value: mail.sender.address }, name: mail.sender.name ?? null },
      providerMessageId: mail.dedupeKey,
      text,
      attachmentIds,
      // Only within the thread it matched: a forged In-Reply-To must not point into someone else's conversation.
      replyToProviderMessageId: found ? (mail.inReplyTo[0] ?? null) : null,
      raw: rawPayload(mail, stored, thread, html, found?.match ?? 'new'),
    });
    await store.setConversation(thread.token, result.conversationId);
    await store.rememberMessageId({ account: stored.account, messageId: mail.dedupeKey, token: thread.token, direction: 'in', coreMessageId: result.messageId, refs: mail.references });
    await store.finishMail(mailId, 'message', found?.match ?? 'new', result.messageId);
    log.info({ messageId: result.messageId, conversationId: result.conversationId, match: found?.match ?? 'new', duplicate: result.duplicate }, 'mail recorded');
    return 'message';
  };
}

async function storeParts(mail: ParsedEmail, attachments: PluginAttachments, config: EmailConfig, log: Logger) {
  const attachmentIds: string[] = [];
  const notes: string[] = [];
  const byContentId = new Map<string, string>();
  for (const [index, part] of mail.parts.entries()) {
    if (index >= config.inbound.maxAttachments) {
      notes.push(`[${mail.parts.length - index} more attachment(s) not kept: inbound.maxAttachments is ${config.inbound.maxAttachments}]`);
      break;
    }
    const id = await putSafely(attachments, { data: part.content, filename: part.filename, declaredType: part.contentType }, log);
    if (!id) {
      notes.push(`[attachment "${part.filename}" (${part.contentType}) was not kept: the attachment store refused it]`);
      continue;
    }
    attachmentIds.push(id);
    if (part.contentId) byContentId.set(part.contentId, id);
  }
  const html = mail.html ? sanitizeEmailHtml(mail.html, (cid) => (byContentId.has(cid) ? `/api/v1/attachments/${byContentId.get(cid)}/content` : null)) : null;
  return { attachmentIds, html, notes };
}

/** Puts a file, or returns null when the core refuses it (type, size): the mail is still recorded. */
async function putSafely(attachments: PluginAttachments, input: { data: Uint8Array; filename: string; declaredType: string }, log: Logger): Promise<string | null> {
  try {
    return (await attachments.put(input)).id;
  } catch (err) {
    if (isSwitchboardError(err) && !err.retryable && err.status >= 400 && err.status < 500) {
      log.warn({ code: err.code, filename: input.filename }, 'attachment refused by the attachment store');
      return null;
    }
    throw new EmailError({ code: EmailErrorCodes.STORE_FAILED, message: `channel-email: storing attachment "${input.filename}" failed; the mail will be processed again`, retryable: true, cause: err });
  }
}

function composeText(mail: ParsedEmail, notes: string[]): string {
  const body = mail.reply || mail.text.trim() || (mail.parts.length > 0 ? '' : mail.subject);
  const text = [body, ...notes].filter(Boolean).join('\n\n');
  if (text.length <= CORE_MAX_TEXT) return text;
  const marker = '\n\n[… cut: the full mail is attached as original.eml]';
  return text.slice(0, CORE_MAX_TEXT - marker.length) + marker;
}

function shouldAttachOriginal(mail: ParsedEmail, config: EmailConfig): boolean {
  const mode = config.inbound.attachOriginal;
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return mail.trimmed || mail.reply.length > CORE_MAX_TEXT;
}

function rawPayload(mail: ParsedEmail, stored: { id: string; source: string; envelope: unknown }, thread: EmailThread, html: string | null, match: string) {
  return {
    mailId: stored.id,
    source: stored.source,
    envelope: stored.envelope,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    from: mail.from,
    sender: mail.sender,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    date: mail.date,
    authenticationResults: mail.authenticationResults,
    threadKey: thread.threadKey,
    threadMatch: match,
    trimmed: mail.trimmed,
    text: mail.text.slice(0, CORE_MAX_TEXT),
    html: html?.slice(0, 4 * CORE_MAX_TEXT) ?? null,
  };
}

function recipientsOf(envelope: unknown): string[] {
  if (!envelope || typeof envelope !== 'object' || !('rcptTo' in envelope) || !Array.isArray(envelope.rcptTo)) return [];
  return envelope.rcptTo.filter((a): a is string => typeof a === 'string').map((a) => a.toLowerCase());
}
