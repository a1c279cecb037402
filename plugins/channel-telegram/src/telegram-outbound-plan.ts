import { createHash } from 'node:crypto';
import type { DeliverInput } from '@switchboard/events';
import { splitText } from '@switchboard/plugin-sdk';

/** Longest `text` of sendMessage. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Longest caption of a media message. */
export const TELEGRAM_CAPTION_LIMIT = 1024;
/** Largest photo Telegram accepts as an upload; larger images go as documents. */
const PHOTO_UPLOAD_LIMIT = 10 * 1024 * 1024;

/** A file a send carries: uploaded from attachment storage, or handed to Telegram as a signed URL. */
export type TelegramOutboundFile = { field: string; attachmentId: string; name: string; contentType: string; url: string };

/** One Bot API call of an outbound message, in order. */
export type TelegramSend = { method: string; params: Record<string, unknown>; file?: TelegramOutboundFile };

/** A quick reply as offered: `token` is the button's callback_data and the key it is stored under. */
export type OfferedQuickReply = { token: string; title: string; payload: string };

/** The calls that deliver one message, and the quick replies they offer. */
export type TelegramOutboundPlan = { sends: TelegramSend[]; quickReplies: OfferedQuickReply[] };

/** Options of {@link planTelegramSends}. */
export type PlanOptions = { quickReplies: 'inline' | 'reply' };

/**
 * The chat id as Telegram wants it: a number for numeric ids (as Telegram sends them), else
 * the string (`@channelname`).
 *
 * @example
 * telegramChatId('5551234567'); // 5551234567
 */
export function telegramChatId(thread: string): number | string {
  const id = Number(thread);
  return /^-?\d+$/.test(thread) && Number.isSafeInteger(id) ? id : thread;
}

/**
 * Plans the Bot API calls that deliver one outbound message: text (split at 4096 characters),
 * each attachment by its kind (a lone attachment carries the text as its caption when it fits),
 * a shared location or contacts, and the quick replies as an inline keyboard or a one-time reply
 * keyboard on the last call. Pure, so a retry plans exactly the same calls.
 *
 * @example
 * const { sends } = planTelegramSends(input, { quickReplies: 'inline' });
 * sends[0]; // { method: 'sendMessage', params: { chat_id: 5551234567, text: '…' } }
 */
export function planTelegramSends(input: DeliverInput, options: PlanOptions): TelegramOutboundPlan {
  const chat_id = telegramChatId(input.leg.thread);
  const { message } = input;
  const text = message.text;
  const sends: TelegramSend[] = [];
  const captioned = input.attachments.length === 1 && text.length > 0 && text.length <= TELEGRAM_CAPTION_LIMIT;
  if (!captioned) {
    for (const part of splitText(text, TELEGRAM_TEXT_LIMIT)) sends.push({ method: 'sendMessage', params: { chat_id, text: part } });
  }
  for (const attachment of input.attachments) {
    const { method, field } = mediaMethod(attachment.contentType, attachment.size);
    sends.push({
      method,
      params: { chat_id, ...(captioned ? { caption: text } : {}) },
      file: { field, attachmentId: attachment.id, name: attachment.name, contentType: attachment.contentType, url: attachment.url },
    });
  }
  const location = message.content?.location;
  if (location) {
    sends.push(
      location.name && location.address
        ? { method: 'sendVenue', params: { chat_id, latitude: location.latitude, longitude: location.longitude, title: location.name, address: location.address } }
        : { method: 'sendLocation', params: { chat_id, latitude: location.latitude, longitude: location.longitude } },
    );
  }
  for (const contact of message.content?.contacts ?? []) {
    const phone = contact.phones[0];
    if (phone) sends.push({ method: 'sendContact', params: { chat_id, phone_number: phone, first_name: contact.name || phone } });
  }

  const quickReplies = (message.content?.quickReplies ?? []).map((reply, index) => ({ token: callbackToken(message.id, index), title: reply.title, payload: reply.payload }));
  if (quickReplies.length > 0) {
    // Buttons need a message to hang on: without text, the choices themselves are the text.
    if (sends.length === 0) sends.push({ method: 'sendMessage', params: { chat_id, text: quickReplies.map((r) => r.title).join(' · ') } });
    const last = sends[sends.length - 1] as TelegramSend;
    last.params.reply_markup = keyboardOf(quickReplies, options.quickReplies);
  }
  return { sends, quickReplies };
}

/** `<message id>:<index>`, or a hash of the id when that would not fit Telegram's 64-byte callback data. */
function callbackToken(messageId: string, index: number): string {
  const token = `${messageId}:${index}`;
  if (Buffer.byteLength(token) <= 64) return token;
  return `h${createHash('sha256').update(messageId).digest('base64url').slice(0, 40)}:${index}`;
}

function keyboardOf(replies: OfferedQuickReply[], mode: PlanOptions['quickReplies']): Record<string, unknown> {
  // Two buttons per row keeps titles readable on a phone.
  const rows = <T>(items: T[]): T[][] => items.reduce<T[][]>((acc, item, i) => (i % 2 === 0 ? [...acc, [item]] : (acc[acc.length - 1]?.push(item), acc)), []);
  if (mode === 'inline') return { inline_keyboard: rows(replies.map((r) => ({ text: r.title, callback_data: r.token }))) };
  return { keyboard: rows(replies.map((r) => ({ text: r.title }))), one_time_keyboard: true, resize_keyboard: true };
}

function mediaMethod(contentType: string, size: number): { method: string; field: string } {
  const type = contentType.toLowerCase();
  if ((type === 'image/jpeg' || type === 'image/png' || type === 'image/webp') && size <= PHOTO_UPLOAD_LIMIT) return { method: 'sendPhoto', field: 'photo' };
  if (type === 'image/gif') return { method: 'sendAnimation', field: 'animation' };
  if (type === 'audio/ogg') return { method: 'sendVoice', field: 'voice' };
  if (type === 'audio/mpeg' || type === 'audio/mp4' || type === 'audio/x-m4a') return { method: 'sendAudio', field: 'audio' };
  if (type === 'video/mp4') return { method: 'sendVideo', field: 'video' };
  return { method: 'sendDocument', field: 'document' };
}
