import { RecordInboundInputSchema, type CoreCommandInput, type DeliveryError, type MessageContent } from '@switchboard/events';
import * as v from 'valibot';
import { describeWhatsAppError, isRetryableWhatsAppError } from './whatsapp-cloud-error-codes';
import { MessageSchema, MessagesValueSchema, ProfileSchema, StatusSchema, WebhookEnvelopeSchema, type Profile, type WhatsAppMessage } from './whatsapp-cloud-payload';

/** A customer's identity on WhatsApp: `+<wa_id>` (E.164), or the BSUID of a username-only user. */
export const WHATSAPP_IDENTITY = 'whatsapp';
/** The identity of a user known only by BSUID (business-scoped user id), without a phone number. */
export const WHATSAPP_USER_IDENTITY = 'whatsapp_user';

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;
/** Which kind of media a message carries. */
export type MediaType = (typeof MEDIA_TYPES)[number];

/** Media to fetch from the Graph API before recording: the body only carries its id. */
export type InboundMedia = { id: string; type: MediaType; mimeType: string | null; filename: string | null };

/** What `recordInbound` takes, minus what the worker adds (channel, attachments). */
export type InboundRecord = Omit<CoreCommandInput<'core.message.record_inbound.v1'>, 'channel' | 'attachmentIds'> & {
  account: string;
  thread: string;
  providerMessageId: string;
  text: string;
};

/** An inbound message, ready to record once its media is downloaded. */
export type ParsedMessage = { kind: 'message'; account: string; record: InboundRecord; media: InboundMedia | null; sentAt: number };
/** A status report about one of the business's own messages. */
export type ParsedStatus = {
  kind: 'status';
  account: string;
  providerMessageId: string;
  state: 'sent' | 'delivered' | 'read' | 'failed';
  error: DeliveryError | null;
};
/** One thing a webhook told, in payload order. */
export type ParsedItem = ParsedMessage | ParsedStatus;

/** The result of {@link parseWhatsAppWebhook}: what to apply, and what was skipped and why. */
export type ParsedWebhook = { items: ParsedItem[]; skipped: string[] };

const STATES: Record<string, ParsedStatus['state']> = { sent: 'sent', delivered: 'delivered', read: 'read', played: 'read', failed: 'failed' };

/**
 * Turns a webhook body (the raw text Meta signed) into messages to record and statuses to apply.
 * Never throws: a malformed body yields nothing, a malformed message is skipped whole (its reason
 * in `skipped`) while the valid ones of the same batch are kept, and every message returned is
 * valid input for the core's `record_inbound` command.
 *
 * @example
 * const { items, skipped } = parseWhatsAppWebhook(rawBody);
 * for (const item of items) if (item.kind === 'message') console.log(item.record.text);
 */
export function parseWhatsAppWebhook(body: string): ParsedWebhook {
  const skipped: string[] = [];
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { items: [], skipped: ['the body is not JSON'] };
  }
  const envelope = v.safeParse(WebhookEnvelopeSchema, json);
  if (!envelope.success) return { items: [], skipped: [`not a WhatsApp Business Account notification: ${issuesOf(envelope.issues)}`] };

  const items: ParsedItem[] = [];
  for (const entry of envelope.output.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') {
        skipped.push(`field "${change.field}" is not handled`);
        continue;
      }
      const value = v.safeParse(MessagesValueSchema, change.value);
      if (!value.success) {
        skipped.push(`a messages change without a valid metadata.phone_number_id: ${issuesOf(value.issues)}`);
        continue;
      }
      const account = value.output.metadata.phone_number_id;
      const profiles = value.output.contacts.flatMap((c) => {
        const parsed = v.safeParse(ProfileSchema, c);
        return parsed.success ? [parsed.output] : [];
      });
      for (const raw of value.output.messages) {
        const parsed = parseMessage(raw, account, profiles, value.output.metadata);
        if (typeof parsed === 'string') skipped.push(parsed);
        else items.push(parsed);
      }
      for (const raw of value.output.statuses) {
        const parsed = parseStatus(raw, account);
        if (typeof parsed === 'string') skipped.push(parsed);
        else items.push(parsed);
      }
    }
  }
  return { items, skipped };
}

function parseMessage(raw: unknown, account: string, profiles: Profile[], metadata: unknown): ParsedMessage | string {
  const parsed = v.safeParse(MessageSchema, raw);
  if (!parsed.success) return `a malformed message: ${issuesOf(parsed.issues)}`;
  const message = parsed.output;
  // Matched by id only: a batch may carry several senders, and a name must never go to the wrong one.
  const profile = profiles.find((p) => (message.from && p.wa_id === message.from) || (message.from_user_id && p.user_id === message.from_user_id));
  const sender = senderOf(message, profile);
  if (!sender) return `message ${message.id} names no sender (neither from nor from_user_id)`;

  const body = bodyOf(message);
  if (typeof body === 'string') return body;
  const record: InboundRecord = {
    account,
    thread: sender.identity.value,
    from: sender,
    providerMessageId: message.id,
    text: body.text,
    replyToProviderMessageId: body.replyTo ?? message.context?.id ?? null,
    ...(body.content ? { content: body.content } : {}),
    raw: { metadata, contact: profile ?? null, message: raw },
  };
  // The core refuses what its contract refuses; better to skip here, with the reason, than to
  // have the command fail over and over.
  const check = v.safeParse(RecordInboundInputSchema, { ...record, channel: 'channel-whatsapp-cloud', attachmentIds: [] });
  if (!check.success) return `message ${message.id} cannot be recorded: ${issuesOf(check.issues)}`;
  return { kind: 'message', account, record, media: body.media, sentAt: Number(message.timestamp) * 1000 };
}

function senderOf(message: WhatsAppMessage, profile: Profile | undefined): InboundRecord['from'] | null {
  const name = profile?.profile?.name?.trim().slice(0, 256) || null;
  const username = profile?.profile?.username?.trim();
  const attributes = username ? { whatsappUsername: username.slice(0, 1024) } : undefined;
  const bsuids = [message.from_user_id ?? profile?.user_id, message.from_parent_user_id ?? profile?.parent_user_id].filter((id): id is string => Boolean(id));
  if (message.from) {
    const phone = `+${message.from}`;
    const verified = [{ type: 'phone', value: phone }, ...bsuids.map((value) => ({ type: WHATSAPP_USER_IDENTITY, value }))];
    // A number change: WhatsApp vouches that the new number is the same person.
    if (message.type === 'system' && message.system?.wa_id) {
      verified.push({ type: 'phone', value: `+${message.system.wa_id}` }, { type: WHATSAPP_IDENTITY, value: `+${message.system.wa_id}` });
    }
    return { identity: { type: WHATSAPP_IDENTITY, value: phone }, name, verified, ...(attributes ? { attributes } : {}) };
  }
  const [bsuid, ...parents] = bsuids;
  if (!bsuid) return null;
  return { identity: { type: WHATSAPP_USER_IDENTITY, value: bsuid }, name, verified: parents.map((value) => ({ type: WHATSAPP_USER_IDENTITY, value })), ...(attributes ? { attributes } : {}) };
}

type Body = { text: string; media: InboundMedia | null; content?: MessageContent; replyTo?: string };

function bodyOf(message: WhatsAppMessage): Body | string {
  const missing = `message ${message.id} of type ${message.type} has no "${message.type}" part`;
  const type = message.type;
  if (type === 'text') return message.text ? { text: message.text.body, media: null } : missing;
  if ((MEDIA_TYPES as readonly string[]).includes(type)) {
    const media = message[type as MediaType];
    if (!media) return missing;
    return { text: media.caption ?? '', media: { id: media.id, type: type as MediaType, mimeType: media.mime_type ?? null, filename: media.filename ?? null } };
  }
  if (type === 'location') {
    const l = message.location;
    if (!l) return missing;
    const location = { latitude: l.latitude, longitude: l.longitude, ...(l.name ? { name: l.name.slice(0, 256) } : {}), ...(l.address ? { address: l.address.slice(0, 512) } : {}) };
    return { text: [l.name, l.address].filter(Boolean).join(', '), media: null, content: { location } };
  }
  if (type === 'contacts') {
    if (!message.contacts?.length) return missing;
    const contacts = message.contacts.slice(0, 20).map((c) => ({
      name: (c.name?.formatted_name ?? [c.name?.first_name, c.name?.last_name].filter(Boolean).join(' ')).slice(0, 256),
      phones: (c.phones ?? []).flatMap((p) => (p.phone ? [p.phone.slice(0, 64)] : [])),
      emails: (c.emails ?? []).flatMap((e) => (e.email ? [e.email.slice(0, 320)] : [])),
    }));
    return { text: contacts.map((c) => c.name).filter(Boolean).join(', '), media: null, content: { contacts } };
  }
  if (type === 'interactive') {
    const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
    if (!reply) return `message ${message.id} is an interactive message without a button_reply or list_reply`;
    return { text: reply.title, media: null, content: { postback: { payload: reply.id, title: reply.title.slice(0, 256) } } };
  }
  if (type === 'button') {
    if (!message.button) return missing;
    return { text: message.button.text, media: null, content: { postback: { payload: message.button.payload ?? message.button.text, title: message.button.text.slice(0, 256) } } };
  }
  if (type === 'reaction') {
    if (!message.reaction) return missing;
    const emoji = message.reaction.emoji ?? '';
    return { text: emoji, media: null, content: { reaction: { emoji } }, replyTo: message.reaction.message_id };
  }
  if (type === 'system') {
    return { text: message.system?.body ?? `WhatsApp system message (${message.system?.type ?? 'unknown'})`, media: null };
  }
  // Orders, ad referrals and types newer than this plugin: agents see that something came, the
  // raw payload keeps the rest.
  const reason = message.errors?.[0];
  const why = reason ? `: ${[reason.title, reason.message].filter((s, i, all) => s && all.indexOf(s) === i).join(' — ')}` : '';
  return { text: `[WhatsApp ${type} message, not shown in the inbox${why}]`, media: null };
}

function parseStatus(raw: unknown, account: string): ParsedStatus | string {
  const parsed = v.safeParse(StatusSchema, raw);
  if (!parsed.success) return `a malformed status: ${issuesOf(parsed.issues)}`;
  const status = parsed.output;
  const state = STATES[status.status];
  if (!state) return `status "${status.status}" of ${status.id} is not tracked`;
  let error: DeliveryError | null = null;
  if (state === 'failed') {
    const first = status.errors?.[0];
    const code = first?.code ?? null;
    error = {
      code: code === null ? 'whatsapp_failed' : `whatsapp_${code}`,
      message: describeWhatsAppError({ code, title: first?.title ?? first?.message ?? null, details: first?.error_data?.details ?? null }),
      retryable: isRetryableWhatsAppError(code, null),
    };
  }
  return { kind: 'status', account, providerMessageId: status.id, state, error };
}

function issuesOf(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    // The expectation, never the received value: that may be a customer's phone number.
    .map((i) => `${v.getDotPath(i) ?? '(root)'}: expected ${i.expected ?? i.type}`)
    .join('; ');
}
