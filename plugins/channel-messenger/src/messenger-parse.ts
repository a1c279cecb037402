import { RecordInboundInputSchema, type CoreCommandInput, type MessageContent } from '@switchboard/events';
import * as v from 'valibot';
import { EnvelopeSchema, EventSchema, type MessengerAttachment, type MessengerEvent } from './messenger-payload';

/** A person on Messenger: `<pageId>:<psid>` (PSIDs are page-scoped). */
export const MESSENGER_IDENTITY = 'messenger_psid';
/** A person on Instagram: `<igAccountId>:<igsid>`. */
export const INSTAGRAM_IDENTITY = 'instagram_igsid';

/** What `recordInbound` takes, minus the channel and the attachments the worker downloads. */
export type MessengerRecord = Omit<CoreCommandInput<'core.message.record_inbound.v1'>, 'channel' | 'attachmentIds'> & {
  account: string;
  thread: string;
  providerMessageId: string;
  text: string;
};
/** A file to fetch from Meta's CDN before recording. */
export type InboundFile = { url: string; type: string };

/** A message, postback or reaction of a person, ready to record once its files are fetched. */
export type ParsedInbound = { kind: 'inbound'; account: string; record: MessengerRecord; files: InboundFile[]; sentAt: number; psid: string };
/** Delivery or read receipts: the mids named, and a watermark covering everything sent before it. */
export type ParsedReceipt = { kind: 'receipt'; account: string; thread: string; state: 'delivered' | 'read'; mids: string[]; watermark: number | null };
/** A message the Page sent (through this app, or typed in Meta Business Suite). */
export type ParsedEcho = { kind: 'echo'; account: string; mid: string; appId: string | null };
/** One thing a webhook told, in payload order. */
export type ParsedMessengerItem = ParsedInbound | ParsedReceipt | ParsedEcho;

/** Text a story mention gets, since it carries none. */
export const STORY_MENTION_TEXT = 'Mentioned you in their story';

/**
 * Turns a Messenger or Instagram webhook body (the raw text Meta signed) into what to record and
 * apply. Never throws: a malformed body yields nothing, a malformed event is skipped whole with
 * its reason, and every inbound item is valid input for the core's `record_inbound` command.
 *
 * @example
 * const { items } = parseMessengerWebhook(rawBody);
 */
export function parseMessengerWebhook(body: string): { items: ParsedMessengerItem[]; skipped: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { items: [], skipped: ['the body is not JSON'] };
  }
  const envelope = v.safeParse(EnvelopeSchema, json);
  if (!envelope.success) return { items: [], skipped: [`not a Page or Instagram notification: ${issuesOf(envelope.issues)}`] };
  const platform = envelope.output.object;
  const items: ParsedMessengerItem[] = [];
  const skipped: string[] = [];
  for (const entry of envelope.output.entry) {
    // Handover Protocol: another app owns these threads right now.
    if (entry.standby.length > 0) skipped.push(`${entry.standby.length} standby event(s) of a thread another app owns`);
    for (const raw of entry.messaging) {
      const event = v.safeParse(EventSchema, raw);
      const item = event.success ? itemOf(platform, entry.id, event.output, raw) : `a malformed event: ${issuesOf(event.issues)}`;
      if (typeof item === 'string') skipped.push(item);
      else items.push(item);
    }
  }
  return { items, skipped };
}

function itemOf(platform: 'page' | 'instagram', account: string, event: MessengerEvent, raw: unknown): ParsedMessengerItem | string {
  const { message } = event;
  if (message?.is_echo) return { kind: 'echo', account, mid: message.mid, appId: message.app_id === undefined ? null : String(message.app_id) };
  // Everything else comes from the person: the sender is the PSID / IGSID, the recipient the account.
  if (event.recipient.id !== account) return `an event addressed to ${event.recipient.id} under entry ${account}`;
  const thread = `${account}:${event.sender.id}`;
  if (event.delivery || event.read) {
    const receipt = event.delivery ?? event.read!;
    const mids = event.delivery?.mids ?? (event.read?.mid ? [event.read.mid] : []);
    // An Instagram "seen" names the last message seen, not a watermark: everything sent before it was seen then.
    const watermark = receipt.watermark ?? (event.read ? event.timestamp : null);
    if (mids.length === 0 && watermark === null) return 'a receipt with neither mids nor a watermark';
    return { kind: 'receipt', account, thread, state: event.delivery ? 'delivered' : 'read', mids, watermark };
  }
  const body = bodyOf(event);
  if (typeof body === 'string') return body;
  const record: MessengerRecord = {
    account,
    thread,
    from: { identity: { type: platform === 'page' ? MESSENGER_IDENTITY : INSTAGRAM_IDENTITY, value: thread } },
    providerMessageId: body.id,
    text: body.text,
    replyToProviderMessageId: body.replyTo,
    ...(body.content ? { content: body.content } : {}),
    raw: { object: platform, entryId: account, event: raw },
  };
  const check = v.safeParse(RecordInboundInputSchema, { ...record, channel: 'channel-messenger', attachmentIds: [] });
  if (!check.success) return `event ${body.id} cannot be recorded: ${issuesOf(check.issues)}`;
  return { kind: 'inbound', account, record, files: body.files, sentAt: event.timestamp, psid: event.sender.id };
}

type Body = { id: string; text: string; files: InboundFile[]; replyTo: string | null; content?: MessageContent };

function bodyOf(event: MessengerEvent): Body | string {
  const who = `${event.sender.id}-${event.timestamp}`;
  if (event.postback) {
    const title = event.postback.title ?? event.postback.payload;
    return { id: event.postback.mid ?? `postback-${who}`, text: title, files: [], replyTo: null, content: { postback: { payload: event.postback.payload, title: title.slice(0, 256) } } };
  }
  if (event.reaction) {
    const { reaction } = event;
    const emoji = reaction.action === 'unreact' ? '' : (reaction.emoji ?? reaction.reaction ?? '');
    // Reactions have no mid of their own; the reacted mid, the person and the time identify one.
    return { id: `reaction-${reaction.mid}-${who}`, text: emoji, files: [], replyTo: reaction.mid, content: { reaction: { emoji: emoji.slice(0, 32) } } };
  }
  const message = event.message;
  if (!message) return 'an event this channel does not handle (referral, optin, handover…)';
  if (message.is_deleted) return `message ${message.mid} was deleted by its sender`;

  const lines = message.text ? [message.text] : [];
  const files: InboundFile[] = [];
  let content: MessageContent | undefined;
  for (const attachment of message.attachments ?? []) {
    const location = attachment.payload?.coordinates;
    const url = attachment.payload?.url;
    if (location) content = { location: { latitude: location.lat, longitude: location.long, ...(attachment.title ? { name: attachment.title.slice(0, 256) } : {}) } };
    else if (attachment.type === 'fallback' || attachment.type === 'template') lines.push(linkLine(attachment));
    else if (url && /^https?:\/\//.test(url)) files.push({ url, type: attachment.type });
    if (attachment.type === 'story_mention' && !message.text) lines.push(STORY_MENTION_TEXT);
  }
  if (message.quick_reply) content = { ...content, postback: { payload: message.quick_reply.payload, title: (message.text ?? '').slice(0, 256) } };
  if (lines.length === 0 && files.length === 0 && !content) lines.push('[a Messenger message with nothing the inbox can show]');
  return { id: message.mid, text: lines.filter(Boolean).join('\n'), files, replyTo: message.reply_to?.mid ?? null, ...(content ? { content } : {}) };
}

function linkLine(attachment: MessengerAttachment): string {
  const title = attachment.title ?? attachment.payload?.title ?? '';
  const url = attachment.url ?? attachment.payload?.url ?? '';
  return [title, url].filter(Boolean).join(' ');
}

function issuesOf(issues: readonly v.BaseIssue<unknown>[]): string {
  // The expectation, never the received value: that may be a person's message.
  return issues
    .slice(0, 3)
    .map((i) => `${v.getDotPath(i) ?? '(root)'}: expected ${i.expected ?? i.type}`)
    .join('; ');
}
