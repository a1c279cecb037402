import type { Identity, MessageContent } from '@switchboard/events';
import type { TelegramCallbackQuery, TelegramFile, TelegramMessage, TelegramUpdate, TelegramUser } from './telegram-update-schemas';

/** The identity type of a Telegram customer: the private chat's id, as a string. */
export const TELEGRAM_IDENTITY_TYPE = 'telegram_chat';

/** Telegram lets bots download files up to 20 MB. */
export const TELEGRAM_DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

/** A file to fetch with getFile before the message is recorded. */
export type TelegramMediaRef = {
  fileId: string;
  fileUniqueId: string;
  /** The name to store it under: the sender's file name, or one made from the kind and id. */
  filename: string;
  mimeType: string | undefined;
  size: number | undefined;
};

/** How a tapped quick reply is recognised once the plugin's table of offered replies is consulted. */
export type QuickReplyLookup = { by: 'token'; token: string; buttonTitle: string | undefined } | { by: 'title'; title: string };

/** A message to record, before its media is downloaded and its quick reply resolved. */
export type TelegramInboundMessage = {
  thread: string;
  from: { identity: Identity; name: string | null; verified: Identity[]; attributes?: Record<string, string> };
  providerMessageId: string;
  text: string;
  content?: MessageContent;
  replyToProviderMessageId?: string;
  media: TelegramMediaRef[];
  quickReply?: QuickReplyLookup;
  /** A callback query to acknowledge, so the customer's button stops spinning. */
  callbackQueryId?: string;
  raw: unknown;
};

/** What one update means for the inbox: a message to record, or why it is ignored. */
export type TelegramInbound = { kind: 'message'; message: TelegramInboundMessage } | { kind: 'ignored'; reason: string };

const UNSUPPORTED_KINDS = ['poll', 'dice', 'game', 'story', 'invoice', 'paid_media'] as const;

/**
 * The provider message id of a message in a chat of a bot. `message_id` is unique only within a
 * chat and a bot, so both are part of it; replies find their target by the same id.
 *
 * @example
 * telegramMessageId('110201543', 5551234567, 482); // '110201543:5551234567:482'
 */
export function telegramMessageId(botId: string, chatId: number | string, messageId: number | string): string {
  return `${botId}:${chatId}:${messageId}`;
}

/**
 * Maps a validated update of one bot onto the core's message model. Pure: no I/O, so the same
 * update always maps the same way and replays are deterministic.
 *
 * @example
 * const inbound = mapTelegramUpdate(update, raw, '110201543');
 * if (inbound.kind === 'message') await record(inbound.message);
 */
export function mapTelegramUpdate(update: TelegramUpdate, raw: unknown, botId: string): TelegramInbound {
  if (update.message) return mapMessage(update.message, raw, botId, false);
  if (update.edited_message) return mapMessage(update.edited_message, raw, botId, true);
  if (update.callback_query) return mapCallbackQuery(update.callback_query, raw, botId);
  if (update.my_chat_member) {
    const status = update.my_chat_member.new_chat_member.status;
    return { kind: 'ignored', reason: status === 'kicked' ? 'the user blocked the bot' : `the bot's membership changed to ${status}` };
  }
  return { kind: 'ignored', reason: 'an update kind the plugin does not handle' };
}

function mapMessage(message: TelegramMessage, raw: unknown, botId: string, edited: boolean): TelegramInbound {
  if (message.chat.type !== 'private') return { kind: 'ignored', reason: `a message in a ${message.chat.type} chat; only private chats are supported` };
  const sender = message.from;
  if (!sender || sender.is_bot) return { kind: 'ignored', reason: 'a message without a human sender' };
  const thread = String(message.chat.id);
  const body = describeMessage(message);
  if (!body) return { kind: 'ignored', reason: 'a service message without content' };

  const ownId = telegramMessageId(botId, message.chat.id, message.message_id);
  const verified: Identity[] = [];
  const contact = message.contact;
  // Only a contact the user shared of themself is their verified number; any other is content.
  if (contact && contact.user_id === sender.id) {
    const phone = toE164(contact.phone_number);
    if (phone) verified.push({ type: 'phone', value: phone });
  }
  const replyTo = edited ? ownId : message.reply_to_message ? telegramMessageId(botId, message.chat.id, message.reply_to_message.message_id) : undefined;
  return {
    kind: 'message',
    message: {
      thread,
      from: fromOf(sender, thread, verified),
      // An edit is recorded as a new message answering the original: the core keeps messages
      // immutable, and the agent must see what the customer changed.
      providerMessageId: edited ? `${ownId}:edit:${message.edit_date ?? message.date}` : ownId,
      text: edited ? `(edited) ${body.text}` : body.text,
      ...(body.content ? { content: body.content } : {}),
      ...(replyTo ? { replyToProviderMessageId: replyTo } : {}),
      media: body.media,
      ...(message.text !== undefined && !edited ? { quickReply: { by: 'title' as const, title: message.text } } : {}),
      raw,
    },
  };
}

function mapCallbackQuery(query: TelegramCallbackQuery, raw: unknown, botId: string): TelegramInbound {
  const chat = query.message?.chat;
  if (chat && chat.type !== 'private') return { kind: 'ignored', reason: `a button tap in a ${chat.type} chat; only private chats are supported` };
  if (query.data === undefined) return { kind: 'ignored', reason: 'a callback query without data (a game button)' };
  const thread = String(chat?.id ?? query.from.id);
  const button = query.message?.reply_markup?.inline_keyboard.flat().find((b) => b.callback_data === query.data);
  return {
    kind: 'message',
    message: {
      thread,
      from: fromOf(query.from, thread, []),
      providerMessageId: `${botId}:callback:${query.id}`,
      // Resolved against the offered quick replies; until then the button's own text.
      text: button?.text ?? query.data,
      content: { postback: { payload: query.data, ...(button ? { title: button.text } : {}) } },
      ...(query.message ? { replyToProviderMessageId: telegramMessageId(botId, thread, query.message.message_id) } : {}),
      media: [],
      quickReply: { by: 'token', token: query.data, buttonTitle: button?.text },
      callbackQueryId: query.id,
      raw,
    },
  };
}

type MessageBody = { text: string; content?: MessageContent; media: TelegramMediaRef[] };

function describeMessage(message: TelegramMessage): MessageBody | null {
  const caption = message.caption ?? '';
  if (message.text !== undefined) return { text: message.text, media: [] };
  if (message.photo) {
    // Sizes come smallest first; the last is the original.
    const largest = message.photo[message.photo.length - 1] as TelegramFile;
    return { text: caption, media: [mediaRef(largest, 'photo', 'jpg', 'image/jpeg')] };
  }
  const file =
    (message.document && mediaRef(message.document, 'document', 'bin', undefined)) ||
    (message.voice && mediaRef(message.voice, 'voice', 'ogg', 'audio/ogg')) ||
    (message.audio && mediaRef(message.audio, 'audio', 'mp3', 'audio/mpeg')) ||
    (message.video && mediaRef(message.video, 'video', 'mp4', 'video/mp4')) ||
    (message.video_note && mediaRef(message.video_note, 'video-note', 'mp4', 'video/mp4')) ||
    (message.animation && mediaRef(message.animation, 'animation', 'mp4', 'video/mp4'));
  if (file) return { text: caption, media: [file] };
  if (message.venue) {
    const { location, title, address } = message.venue;
    return { text: [title, address].filter(Boolean).join(', '), content: { location: { ...location, name: title, address } }, media: [] };
  }
  if (message.location) return { text: '', content: { location: { latitude: message.location.latitude, longitude: message.location.longitude } }, media: [] };
  if (message.contact) {
    const { first_name, last_name, phone_number } = message.contact;
    const name = [first_name, last_name].filter(Boolean).join(' ');
    return { text: '', content: { contacts: [{ name, phones: phone_number ? [phone_number] : [], emails: [] }] }, media: [] };
  }
  if (message.sticker) return { text: message.sticker.emoji ?? '[sticker]', media: [] };
  const unsupported = UNSUPPORTED_KINDS.find((kind) => message[kind] !== undefined);
  if (unsupported) return { text: `[Telegram ${unsupported.replace('_', ' ')}: not shown in Switchboard]`, media: [] };
  return null;
}

function mediaRef(file: TelegramFile, kind: string, extension: string, mimeType: string | undefined): TelegramMediaRef {
  return {
    fileId: file.file_id,
    fileUniqueId: file.file_unique_id,
    filename: file.file_name || `${kind}-${file.file_unique_id}.${extension}`,
    mimeType: file.mime_type ?? mimeType,
    size: file.file_size,
  };
}

function fromOf(user: TelegramUser, thread: string, verified: Identity[]): TelegramInboundMessage['from'] {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  return {
    identity: { type: TELEGRAM_IDENTITY_TYPE, value: thread },
    name: name ? name.slice(0, 256) : null,
    verified,
    ...(user.username ? { attributes: { telegram_username: user.username } } : {}),
  };
}

/**
 * A phone number as Telegram shares it (with or without `+`, sometimes with spaces) in E.164,
 * or null when it is not a plausible number.
 *
 * @example
 * toE164('12025550143'); // '+12025550143'
 */
export function toE164(phone: string): string | null {
  const digits = phone.replace(/[\s().-]/g, '');
  const match = /^\+?([1-9]\d{6,14})$/.exec(digits);
  return match ? `+${match[1]}` : null;
}
