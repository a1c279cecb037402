/**
 * Why a mail counts as automatic (RFC 3834 and the common vendor headers), or null for a mail a
 * person wrote. Automatic mail must never reopen a conversation, notify agents or be answered.
 *
 * @example
 * autoReplyReason(headers, 'Automatic reply: Re: Order'); // 'Auto-Submitted: auto-replied'
 */
export function autoReplyReason(headers: ReadonlyMap<string, string>, subject: string): string | null {
  const autoSubmitted = headers.get('auto-submitted');
  if (autoSubmitted !== undefined && !/^\s*no\b/i.test(autoSubmitted)) return `Auto-Submitted: ${autoSubmitted.trim()}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    const value = headers.get(name);
    if (value !== undefined && !/^\s*no\b/i.test(value)) return `${name}: ${value.trim()}`;
  }
  const precedence = headers.get('precedence');
  if (precedence && /^\s*(bulk|junk|list|auto_reply)\b/i.test(precedence)) return `Precedence: ${precedence.trim()}`;
  const suppress = headers.get('x-auto-response-suppress');
  if (suppress && /\b(all|oof|autoreply)\b/i.test(suppress)) return `X-Auto-Response-Suppress: ${suppress.trim()}`;
  const returnPath = headers.get('return-path');
  if (returnPath !== undefined && /^\s*<\s*>\s*$/.test(returnPath)) return 'Return-Path: <>';
  if (/^\s*(automatic reply|auto-?reply|autoreply|out of (the )?office|abwesenheitsnotiz)\s*:/i.test(subject)) return `subject "${subject.slice(0, 60)}"`;
  return null;
}
