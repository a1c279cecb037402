import type { DeliverInput } from '@switchboard/events';
import { splitText } from '@switchboard/plugin-sdk';

/** Longest `text` of a text message. */
export const VIBER_TEXT_LIMIT = 7000;
/** Longest description of a picture. */
export const VIBER_PICTURE_TEXT_LIMIT = 768;

const PICTURE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif']);
const VIDEO_TYPES = new Set(['video/mp4', 'video/3gpp', 'video/quicktime']);

/** What every send_message body carries besides its content. */
export type ViberEnvelope = { sender: { name: string; avatar?: string }; minApiVersion: number };

/** A quick reply as offered: Viber sends the button's text back as the user's message. */
export type ViberOfferedReply = { title: string; payload: string };

/** The send_message bodies that deliver one message, in order, and the replies they offer. */
export type ViberOutboundPlan = { sends: Array<Record<string, unknown>>; quickReplies: ViberOfferedReply[] };

/**
 * Plans the send_message bodies of one outbound message: text (split at 7000 characters), each
 * attachment by URL (a lone picture carries the text as its description when it fits; videos
 * and files carry their size and name), a shared location or contact cards, and the quick replies
 * as a keyboard on the last message. Every body carries the receiver, sender, `min_api_version`
 * and the conversation id as `tracking_data`. Pure, so a retry plans the same bodies.
 *
 * @example
 * const { sends } = planViberSends(input, { sender: { name: 'Example Support' }, minApiVersion: 1 });
 * sends[0]; // { receiver, min_api_version: 1, sender, tracking_data, type: 'text', text }
 */
export function planViberSends(input: DeliverInput, envelope: ViberEnvelope): ViberOutboundPlan {
  const { message } = input;
  const common = { receiver: input.leg.thread, min_api_version: envelope.minApiVersion, sender: envelope.sender, tracking_data: message.conversationId };
  const bodies: Array<Record<string, unknown>> = [];
  const text = message.text;
  const [lone] = input.attachments;
  const captioned = input.attachments.length === 1 && lone !== undefined && PICTURE_TYPES.has(lone.contentType) && text.length > 0 && text.length <= VIBER_PICTURE_TEXT_LIMIT;
  if (!captioned) {
    for (const part of splitText(text, VIBER_TEXT_LIMIT)) bodies.push({ type: 'text', text: part });
  }
  for (const attachment of input.attachments) {
    const type = attachment.contentType.toLowerCase();
    if (PICTURE_TYPES.has(type)) bodies.push({ type: 'picture', text: captioned ? text : '', media: attachment.url });
    else if (VIDEO_TYPES.has(type)) bodies.push({ type: 'video', media: attachment.url, size: attachment.size });
    else bodies.push({ type: 'file', media: attachment.url, size: attachment.size, file_name: attachment.name.slice(0, 256) });
  }
  const location = message.content?.location;
  if (location) bodies.push({ type: 'location', location: { lat: location.latitude, lon: location.longitude } });
  for (const contact of message.content?.contacts ?? []) {
    const phone = contact.phones[0];
    if (phone) bodies.push({ type: 'contact', contact: { name: (contact.name || phone).slice(0, 28), phone_number: phone } });
  }

  const quickReplies = (message.content?.quickReplies ?? []).map(({ title, payload }) => ({ title, payload }));
  if (quickReplies.length > 0) {
    // A keyboard needs a message to come with: without text, the choices themselves are the text.
    if (bodies.length === 0) bodies.push({ type: 'text', text: quickReplies.map((r) => r.title).join(' · ') });
    const last = bodies[bodies.length - 1] as Record<string, unknown>;
    last.keyboard = {
      Type: 'keyboard',
      DefaultHeight: false,
      // Six columns per row: two buttons side by side, a lone last one across the row.
      Buttons: quickReplies.map((reply, i) => ({
        Columns: i === quickReplies.length - 1 && quickReplies.length % 2 === 1 ? 6 : 3,
        Rows: 1,
        ActionType: 'reply',
        ActionBody: reply.title,
        Text: reply.title,
      })),
    };
  }
  return { sends: bodies.map((body) => ({ ...common, ...body })), quickReplies };
}
