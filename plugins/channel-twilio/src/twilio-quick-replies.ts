import type { MessageContent } from '@switchboard/events';

type QuickReply = NonNullable<MessageContent['quickReplies']>[number];

/** How long a numbered list of quick replies stays answerable. */
export const QUICK_REPLY_TTL_HOURS = 24;

/**
 * Which offered quick reply a customer's text picks, if any: its number as listed (`2`, `2.`,
 * `2)`), or its title typed out (any case). SMS and free-form WhatsApp have no buttons, so the
 * list went out as text and this is how a tap comes back.
 *
 * @example
 * pickQuickReply([{ title: 'Refund', payload: 'refund' }, { title: 'Replace', payload: 'replace' }], ' 2 ');
 * // { title: 'Replace', payload: 'replace' }
 */
export function pickQuickReply(offered: readonly QuickReply[], text: string): QuickReply | null {
  const typed = text.trim();
  const number = /^(\d{1,2})\s*[.)]?$/.exec(typed);
  if (number) return offered[Number(number[1]) - 1] ?? null;
  const lower = typed.toLowerCase();
  return lower ? (offered.find((reply) => reply.title.trim().toLowerCase() === lower) ?? null) : null;
}
