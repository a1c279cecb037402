import EmailReplyParser from 'email-reply-parser';

/** A customer's text split into what they wrote now and what they quoted or signed. */
export type TrimmedReply = {
  /** The new content only: quotes (`>` lines, "On … wrote:", Outlook's "-----Original Message-----" block) and signatures removed. */
  reply: string;
  /** Whether anything was removed. */
  trimmed: boolean;
};

/**
 * Strips quoted history and signatures from a plain-text mail body. Falls back to the whole text
 * when nothing would be left (a mail that is all quote is still the customer's message).
 *
 * @example
 * trimReply('Thanks!\n\nOn Sun, Alex wrote:\n> Hi').reply; // 'Thanks!'
 */
export function trimReply(text: string): TrimmedReply {
  const full = text.replace(/\r\n/g, '\n').trim();
  if (!full) return { reply: '', trimmed: false };
  let visible: string;
  try {
    visible = new EmailReplyParser().read(full).getVisibleText().trim();
  } catch {
    // The parser's regexes fail on nothing we know of; if they ever do, the full text is the safe answer.
    return { reply: full, trimmed: false };
  }
  visible = visible.replace(/\n*^\s*sent from my [\w ]{1,40}$/gim, '').trim();
  if (!visible) return { reply: full, trimmed: false };
  return { reply: visible, trimmed: visible !== full };
}
