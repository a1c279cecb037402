import type { MessageContent } from './message-content';

/**
 * The one-line preview of a message shown in conversation lists: its text, else what its content
 * is (a shared place, a contact card, a reaction, a tapped button), else its attachments. The core
 * stores it as the conversation's `lastMessageText`; clients that apply events live use the same
 * rule, so a row updated from an event reads like a fetched one.
 *
 * @example
 * messagePreview('', 2); // '📎 2 attachments'
 * messagePreview('', 0, { location: { latitude: 52.52, longitude: 13.4, name: 'Alexanderplatz' } }); // '📍 Alexanderplatz'
 * messagePreview('👍', 0, { reaction: { emoji: '👍' } }); // 'Reacted 👍'
 */
export function messagePreview(text: string, attachmentCount: number, content?: MessageContent | null): string {
  // A reaction's text is usually the emoji itself; "Reacted" says it is not a message of its own.
  if (content?.reaction) return content.reaction.emoji ? `Reacted ${content.reaction.emoji}` : 'Removed a reaction';
  const line = oneLine(text);
  if (line) return line;
  if (content?.location) return `📍 ${oneLine(content.location.name ?? '') || oneLine(content.location.address ?? '') || 'Location'}`;
  const shared = content?.contacts ?? [];
  if (shared.length === 1) return `👤 ${oneLine(shared[0]!.name) || 'Contact'}`;
  if (shared.length > 1) return `👤 ${shared.length} contacts`;
  if (content?.postback) return `🔘 ${oneLine(content.postback.title ?? '') || oneLine(content.postback.payload) || 'Button'}`;
  if (attachmentCount === 0) return '';
  return attachmentCount === 1 ? '📎 attachment' : `📎 ${attachmentCount} attachments`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 140);
}

