import type { DeliverInput } from '@switchboard/events';
import { splitText } from '@switchboard/plugin-sdk';

/** Meta's limits: characters of one text message, and quick replies on one message. */
export const SEND_LIMITS = { messengerText: 2000, instagramText: 1000, quickReplies: 13 } as const;

const ATTACHMENT_TYPES: Array<[RegExp, 'image' | 'video' | 'audio']> = [
  [/^image\//, 'image'],
  [/^video\//, 'video'],
  [/^audio\//, 'audio'],
];

/**
 * The `message` objects of the Send API for one outbound message, in sending order: each file
 * as an attachment by URL (the short-lived signed URL the core gave), then the text — with a shared
 * location and contact cards written out, split at Meta's length limit — carrying up to 13 quick
 * replies on its last part (more are written out as a numbered list).
 *
 * @example
 * planMessengerMessages(input, 'messenger'); // [{ text: 'Sure! What is the new address?' }]
 */
export function planMessengerMessages(input: DeliverInput, platform: 'messenger' | 'instagram'): Array<Record<string, unknown>> {
  const { content } = input.message;
  const quickReplies = content?.quickReplies ?? [];
  const asChips = quickReplies.length > 0 && quickReplies.length <= SEND_LIMITS.quickReplies;
  const lines = [input.message.text];
  if (content?.location) {
    const { latitude, longitude, name, address } = content.location;
    lines.push(`📍 ${[name, address].filter(Boolean).join(', ') || 'Location'}: https://maps.google.com/?q=${latitude},${longitude}`);
  }
  for (const card of content?.contacts ?? []) lines.push(`👤 ${[card.name, ...card.phones, ...card.emails].filter(Boolean).join(' · ')}`);
  if (quickReplies.length > 0 && !asChips) lines.push(quickReplies.map((q, i) => `${i + 1}. ${q.title}`).join('\n'));
  const text = lines.filter(Boolean).join('\n\n');

  const messages: Array<Record<string, unknown>> = input.attachments.map((file) => ({
    attachment: {
      type: ATTACHMENT_TYPES.find(([pattern]) => pattern.test(file.contentType))?.[1] ?? 'file',
      payload: platform === 'messenger' ? { url: file.url, is_reusable: true } : { url: file.url },
    },
  }));
  const pieces = splitText(text, platform === 'messenger' ? SEND_LIMITS.messengerText : SEND_LIMITS.instagramText, { count: 'codePoints' });
  pieces.forEach((piece, i) => {
    const last = i === pieces.length - 1;
    messages.push(last && asChips ? { text: piece, quick_replies: quickReplies.map((q) => ({ content_type: 'text', title: q.title, payload: q.payload })) } : { text: piece });
  });
  return messages;
}
