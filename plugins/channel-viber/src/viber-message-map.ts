import type { Identity, MessageContent } from '@switchboard/events';
import type { ViberCallback, ViberMessage, ViberUser } from './viber-callback-schemas';

/** The identity type of a Viber customer: the opaque user id, which is scoped to the bot. */
export const VIBER_IDENTITY_TYPE = 'viber_user';

/** A file to download from Viber's (time-limited) media URL before the message is recorded. */
export type ViberMediaRef = { url: string; filename: string; size: number | undefined };

/** A message to record, before its media is downloaded and its quick reply resolved. */
export type ViberInboundMessage = {
  thread: string;
  from: { identity: Identity; name: string | null };
  /** The callback's `message_token`, as a string. */
  providerMessageId: string;
  text: string;
  content?: MessageContent;
  media: ViberMediaRef[];
  /** A text that may be the title of an offered quick reply (keyboard buttons send their text). */
  quickReplyTitle?: string;
  raw: unknown;
};

type MessageCallback = Extract<ViberCallback, { event: 'message' }>;

const EXTENSIONS: Record<string, string> = { picture: 'jpg', video: 'mp4', file: 'bin' };

/**
 * Maps a `message` callback onto the core's message model. Pure, so replays map the same way.
 * Viber has no replies to earlier messages and no verified phone numbers: a shared contact is
 * content only.
 *
 * @example
 * const message = mapViberMessage(callback, raw);
 * message.providerMessageId; // '5741311803571721090'
 */
export function mapViberMessage(callback: MessageCallback, raw: unknown): ViberInboundMessage {
  const thread = callback.sender.id;
  const body = describe(callback.message, callback.message_token);
  return {
    thread,
    from: { identity: { type: VIBER_IDENTITY_TYPE, value: thread }, name: nameOf(callback.sender) },
    providerMessageId: callback.message_token,
    text: body.text,
    ...(body.content ? { content: body.content } : {}),
    media: body.media,
    ...(callback.message.type === 'text' && callback.message.text ? { quickReplyTitle: callback.message.text } : {}),
    raw,
  };
}

function describe(message: ViberMessage, token: string): { text: string; content?: MessageContent; media: ViberMediaRef[] } {
  switch (message.type) {
    case 'text':
      return { text: message.text ?? '', media: [] };
    case 'picture':
    case 'video':
    case 'file': {
      if (!message.media) return { text: `${message.text ?? ''}\n[a ${message.type} without a download link]`.trim(), media: [] };
      const filename = message.file_name || `${message.type}-${token}.${EXTENSIONS[message.type]}`;
      return { text: message.text ?? '', media: [{ url: message.media, filename, size: message.size }] };
    }
    case 'location':
      return message.location ? { text: '', content: { location: { latitude: message.location.lat, longitude: message.location.lon } }, media: [] } : { text: '[a location without coordinates]', media: [] };
    case 'contact': {
      const name = message.contact?.name ?? '';
      const phone = message.contact?.phone_number;
      return { text: '', content: { contacts: [{ name, phones: phone ? [phone] : [], emails: [] }] }, media: [] };
    }
    case 'url':
      return { text: message.media ?? message.text ?? '', media: [] };
    case 'sticker':
      return { text: '[sticker]', media: [] };
    default:
      return { text: `[Viber ${message.type} message: not shown in Switchboard]`, media: [] };
  }
}

function nameOf(user: ViberUser): string | null {
  const name = user.name?.trim();
  return name ? name.slice(0, 256) : null;
}
