import type { MessageContent } from '@switchboard/events';
import { isSwitchboardError, type ChannelAdapter, type Logger, type PluginAttachments } from '@switchboard/plugin-sdk';
import * as v from 'valibot';
import type { TwilioAccount } from './twilio-accounts';
import { TwilioErrorCodes } from './twilio-errors';
import { parseTwilioForm, twilioFormRecord } from './twilio-form';
import { mapInboundMessage, type MappedInbound } from './twilio-inbound-map';
import { InboundMessageParamsSchema, type InboundMedia } from './twilio-inbound-schemas';
import { QUICK_REPLY_TTL_HOURS, pickQuickReply } from './twilio-quick-replies';
import type { DownloadedMedia } from './twilio-media';
import type { TwilioStore } from './twilio-store';
import { parseVCards } from './twilio-vcard';

/** What the incoming-message worker needs. */
export type InboundHandlerDeps = {
  accountSid: string;
  accounts: ReadonlyMap<string, TwilioAccount>;
  store: TwilioStore;
  channel: Pick<ChannelAdapter, 'recordInbound'>;
  attachments: Pick<PluginAttachments, 'put'>;
  fetchMedia: (media: InboundMedia) => Promise<DownloadedMedia>;
  logger: Logger;
  now: () => Date;
};

/** How one delivery of the webhook event is being tried. */
export type HandlerAttempt = { attempt: number; maxAttempts: number; receivedAt: Date };

/**
 * Processes one verified incoming-message webhook: parses and maps it, records STOP/START
 * opt-outs and the WhatsApp window, downloads media into attachment storage, and records the
 * message with the core (raw parameters kept). Idempotent on MessageSid. A payload that cannot be
 * mapped is logged and dropped whole; a media download that keeps failing is retried, and on the
 * last attempt the message is recorded with a note instead of being lost.
 *
 * @example
 * const handleInbound = createInboundHandler(deps);
 * await handleInbound(received.body, { attempt: 1, maxAttempts: 6, receivedAt: new Date(received.receivedAt) });
 */
export function createInboundHandler(deps: InboundHandlerDeps): (body: string, attempt: HandlerAttempt) => Promise<void> {
  const { store, logger } = deps;

  return async (body, attempt) => {
    const params = twilioFormRecord(parseTwilioForm(body));
    const parsed = v.safeParse(InboundMessageParamsSchema, params);
    if (!parsed.success) {
      logger.warn({ messageSid: safeSid(params.MessageSid), issues: parsed.issues.map((i) => i.message) }, 'Twilio message webhook dropped: malformed parameters');
      return;
    }
    const message = parsed.output;
    const log = logger.child({ messageSid: message.MessageSid });
    if (message.AccountSid !== deps.accountSid) {
      log.warn({ accountSid: message.AccountSid }, 'Twilio message webhook dropped: it belongs to another Twilio account than accountSid');
      return;
    }
    const mapped = mapInboundMessage(message, deps.accounts);
    if (!mapped.ok) {
      log.warn({ reason: mapped.reason }, 'Twilio message webhook dropped');
      return;
    }
    if (await store.wasRecorded(message.MessageSid)) {
      log.debug('Twilio message already recorded; duplicate webhook ignored');
      return;
    }
    const { inbound, answeredOffer } = await withPickedReply(mapped.value, store, attempt.receivedAt);
    await noteChannelState(inbound, store, attempt.receivedAt);

    const media = await storeMedia(inbound, deps, attempt, log);
    const result = await deps.channel.recordInbound({
      account: inbound.account.id,
      thread: inbound.thread,
      from: inbound.from,
      providerMessageId: message.MessageSid,
      text: joinText(inbound.text, media.notes),
      attachmentIds: media.attachmentIds,
      ...(inbound.replyToProviderMessageId ? { replyToProviderMessageId: inbound.replyToProviderMessageId } : {}),
      ...(mergeContent(inbound.content, media.contacts) ? { content: mergeContent(inbound.content, media.contacts) } : {}),
      raw: { ...params },
    });
    await store.markRecorded(message.MessageSid, result.messageId, deps.now());
    // One answer per list, once it is recorded: a later "1" is just text again.
    if (answeredOffer) await store.clearOfferedReplies(inbound.account.id, inbound.thread);
    log.info(
      { messageId: result.messageId, conversationId: result.conversationId, account: inbound.account.id, duplicate: result.duplicate, attachments: media.attachmentIds.length },
      result.duplicate ? 'Twilio message was a duplicate' : 'Twilio message recorded',
    );
  };
}

/** A typed answer to a numbered list of quick replies becomes that reply's postback. */
async function withPickedReply(inbound: MappedInbound, store: TwilioStore, at: Date): Promise<{ inbound: MappedInbound; answeredOffer: boolean }> {
  if (inbound.content?.postback || !inbound.text.trim() || inbound.optOut) return { inbound, answeredOffer: false };
  const offered = await store.offeredReplies(inbound.account.id, inbound.thread, at, QUICK_REPLY_TTL_HOURS);
  const picked = pickQuickReply(offered, inbound.text);
  if (!picked) return { inbound, answeredOffer: false };
  return { inbound: { ...inbound, content: { ...inbound.content, postback: { payload: picked.payload, title: picked.title } } }, answeredOffer: true };
}

/** STOP/START blocks or unblocks the sender at Twilio; a WhatsApp message reopens the 24-hour window. */
async function noteChannelState(inbound: MappedInbound, store: TwilioStore, at: Date): Promise<void> {
  if (inbound.optOut && inbound.phone) {
    if (inbound.optOut === 'stop') await store.optOut(inbound.account.optOutScope, inbound.phone, inbound.text.trim().toUpperCase().slice(0, 32) || 'STOP', at);
    else await store.optIn(inbound.account.optOutScope, inbound.phone);
  }
  if (inbound.account.kind === 'whatsapp') await store.noteWhatsAppInbound(inbound.account.id, inbound.thread, at);
}

type StoredMedia = { attachmentIds: string[]; contacts: NonNullable<MessageContent['contacts']>; notes: string[] };

async function storeMedia(inbound: MappedInbound, deps: InboundHandlerDeps, attempt: HandlerAttempt, log: Logger): Promise<StoredMedia> {
  // Downloaded in full before anything is stored, so a retry never leaves half a message behind.
  const files: DownloadedMedia[] = [];
  const notes: string[] = [];
  for (const item of inbound.media) {
    try {
      files.push(await deps.fetchMedia(item));
    } catch (err) {
      const retryable = !isSwitchboardError(err) || err.retryable;
      if (retryable && attempt.attempt < attempt.maxAttempts) throw err;
      log.warn({ err, contentType: item.contentType }, 'Twilio media left out of the message');
      // Agents see why, never where: the URL is Twilio's and needs its credentials.
      notes.push(`[${item.contentType} attachment not stored: ${noteReason(err)}]`);
    }
  }
  const attachmentIds: string[] = [];
  const contacts: StoredMedia['contacts'] = [];
  for (const file of files) {
    const cards = /^text\/(x-)?vcard$/i.test(file.contentType) ? parseVCards(Buffer.from(file.data).toString('utf8')) : [];
    contacts.push(...cards);
    try {
      const ref = await deps.attachments.put({ data: file.data, filename: file.filename, declaredType: file.contentType });
      attachmentIds.push(ref.id);
    } catch (err) {
      // Storage that is down is retried; a type or size the admin does not allow is final.
      if (!isSwitchboardError(err) || err.retryable) throw err;
      log.warn({ err, contentType: file.contentType }, 'attachment storage refused Twilio media');
      // A contact card lives on as content.contacts; anything else gets a note.
      if (cards.length === 0) notes.push(`[${file.contentType} attachment not stored: ${err.message}]`);
    }
  }
  return { attachmentIds, contacts: contacts.slice(0, 20), notes };
}

function noteReason(err: unknown): string {
  const code = isSwitchboardError(err) ? err.code : '';
  if (code === TwilioErrorCodes.MEDIA_UNAVAILABLE) return 'Twilio no longer has it';
  if (code === TwilioErrorCodes.MEDIA_TOO_LARGE) return 'it is larger than media.maxBytes';
  return 'it could not be downloaded from Twilio';
}

function mergeContent(content: MessageContent | undefined, contacts: StoredMedia['contacts']): MessageContent | undefined {
  if (contacts.length === 0) return content;
  return { ...content, contacts };
}

function joinText(text: string, notes: string[]): string {
  return [text, ...notes].filter(Boolean).join('\n');
}

function safeSid(value: string | undefined): string | undefined {
  return value && /^[A-Za-z0-9]{2,40}$/.test(value) ? value : undefined;
}
