import type { MessageContent } from '@switchboard/events';

/**
 * How content is stored: JSON, or NULL when the message has none (an empty object is none too),
 * so that `content` is absent from text-only messages in events and the API.
 *
 * @example
 * contentColumn({ quickReplies: [{ title: 'Yes', payload: 'YES' }] }); // '{"quickReplies":[…]}'
 * contentColumn({}); // null
 */
export function contentColumn(content: MessageContent | undefined | null): string | null {
  if (!content) return null;
  const present = Object.fromEntries(Object.entries(content).filter(([, value]) => value !== undefined));
  return Object.keys(present).length === 0 ? null : JSON.stringify(present);
}
