import type { DeliverInput, Leg } from '@switchboard/events';
import { splitText } from '@switchboard/plugin-sdk';

/** A file the core offers for sending, with its short-lived signed URL. */
export type OutboundAttachment = DeliverInput['attachments'][number];

/**
 * One WhatsApp message of an outbound Switchboard message: its `type` and the object under that
 * key. Media parts carry the attachment; its `link` or uploaded `id` is filled in when sending.
 */
export type PlannedPart = { type: string; object: Record<string, unknown>; attachment?: OutboundAttachment };

/** WhatsApp's limits for free-form messages. */
export const WHATSAPP_LIMITS = { text: 4096, caption: 1024, buttons: 3, buttonTitle: 20, buttonId: 256, rows: 10, rowTitle: 24, rowId: 200, buttonBody: 1024 } as const;

const MEDIA_KINDS: Record<string, 'image' | 'video' | 'audio'> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'video/mp4': 'video',
  'video/3gpp': 'video',
  'audio/aac': 'audio',
  'audio/amr': 'audio',
  'audio/mpeg': 'audio',
  'audio/mp4': 'audio',
  'audio/ogg': 'audio',
};

/**
 * Splits what the core asks to deliver into WhatsApp messages, in the order the customer should
 * see them: text (or a single file with the text as its caption), files, a location, contact
 * cards, and quick replies as reply buttons (up to 3) or a list (up to 10) carrying the text as
 * their body. Quick replies that fit neither are appended to the text as a numbered list.
 *
 * @example
 * planWhatsAppParts(input, { listButtonLabel: 'Options' });
 * // [{ type: 'text', object: { preview_url: false, body: 'Hi Dana' } }]
 */
export function planWhatsAppParts(input: DeliverInput, options: { listButtonLabel: string }): PlannedPart[] {
  const { message } = input;
  const quickReplies = message.content?.quickReplies ?? [];
  let text = message.text;
  const interactive = quickReplies.length > 0 ? interactiveOf(text, quickReplies, options.listButtonLabel) : null;
  if (quickReplies.length > 0 && !interactive) text = `${text}\n\n${quickReplies.map((q, i) => `${i + 1}. ${q.title}`).join('\n')}`;

  const media = input.attachments.map((attachment) => ({ attachment, kind: mediaKindOf(attachment.contentType) }));
  const captionable = media.length === 1 && media[0]!.kind !== 'audio';
  const caption = !interactive && captionable && text.length > 0 && text.length <= WHATSAPP_LIMITS.caption ? text : null;

  const parts: PlannedPart[] = [];
  if (!interactive && caption === null) {
    for (const body of splitText(text, WHATSAPP_LIMITS.text, { count: 'codePoints' })) parts.push({ type: 'text', object: { preview_url: false, body } });
  }
  for (const { attachment, kind } of media) {
    const object: Record<string, unknown> = {};
    if (caption !== null) object.caption = caption;
    if (kind === 'document') object.filename = attachment.name;
    parts.push({ type: kind, object, attachment });
  }
  const location = message.content?.location;
  if (location) parts.push({ type: 'location', object: { ...location } });
  const contacts = message.content?.contacts ?? [];
  if (contacts.length > 0) parts.push({ type: 'contacts', object: { list: contacts } });
  if (interactive) parts.push({ type: 'interactive', object: interactive });
  return parts;
}

/**
 * The JSON body of `POST /{phone-number-id}/messages` for one planned part.
 *
 * @example
 * whatsAppRequestBody({ type: 'text', object: { body: 'Hi' } }, recipientOf(leg), null);
 * // { messaging_product: 'whatsapp', recipient_type: 'individual', to: '+12025550143', type: 'text', text: { body: 'Hi' } }
 */
export function whatsAppRequestBody(
  part: PlannedPart,
  recipient: { to: string } | { recipient: string },
  replyTo: string | null,
  media?: { link: string } | { id: string },
): Record<string, unknown> {
  const object = part.type === 'contacts' ? (part.object.list as Array<{ name: string; phones: string[]; emails: string[] }>).map(contactCard) : { ...part.object, ...media };
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...recipient,
    ...(replyTo ? { context: { message_id: replyTo } } : {}),
    type: part.type,
    [part.type]: object,
  };
}

/**
 * Whom a leg sends to: `to` with the E.164 number of a `whatsapp` thread, or `recipient` with the
 * BSUID of a username-only user.
 *
 * @example
 * recipientOf({ thread: '+12025550143', identity: { type: 'whatsapp', value: '+12025550143' } }); // { to: '+12025550143' }
 */
export function recipientOf(leg: Pick<Leg, 'thread' | 'identity'>): { to: string } | { recipient: string } {
  return /^\+\d{5,20}$/.test(leg.thread) ? { to: leg.thread } : { recipient: leg.thread };
}

function mediaKindOf(contentType: string): 'image' | 'video' | 'audio' | 'document' {
  return MEDIA_KINDS[contentType.split(';')[0]!.trim().toLowerCase()] ?? 'document';
}

function interactiveOf(text: string, quickReplies: Array<{ title: string; payload: string }>, listButtonLabel: string): Record<string, unknown> | null {
  const L = WHATSAPP_LIMITS;
  const fits = (count: number, title: number, id: number, body: number) =>
    quickReplies.length <= count && text.length <= body && quickReplies.every((q) => q.title.length <= title && q.payload.length <= id);
  if (fits(L.buttons, L.buttonTitle, L.buttonId, L.buttonBody)) {
    return { type: 'button', body: { text }, action: { buttons: quickReplies.map((q) => ({ type: 'reply', reply: { id: q.payload, title: q.title } })) } };
  }
  if (fits(L.rows, L.rowTitle, L.rowId, L.text)) {
    return { type: 'list', body: { text }, action: { button: listButtonLabel, sections: [{ rows: quickReplies.map((q) => ({ id: q.payload, title: q.title })) }] } };
  }
  return null;
}

function contactCard(contact: { name: string; phones: string[]; emails: string[] }): Record<string, unknown> {
  return {
    name: { formatted_name: contact.name, first_name: contact.name },
    ...(contact.phones.length ? { phones: contact.phones.map((phone) => ({ phone })) } : {}),
    ...(contact.emails.length ? { emails: contact.emails.map((email) => ({ email })) } : {}),
  };
}
