import { normaliseMessageId } from './email-address';
import { headerParam, multipartParts, parseHeaderBlock, splitMessage, type MimePart } from './email-mime-parts';

/** What a delivery status notification (RFC 3464) says about one of our messages. */
export type Bounce = {
  /** The Message-ID of the mail that could not be delivered (without brackets), if the report names it. */
  originalMessageId: string | null;
  /** `failed` or `delayed` (a delay is no failure yet). */
  action: 'failed' | 'delayed';
  /** The enhanced status code, e.g. `5.1.1`. */
  status: string | null;
  recipient: string | null;
  /** The remote server's words (`Diagnostic-Code`), or the human-readable part's first lines. */
  diagnostic: string;
};

const MAX_DIAGNOSTIC = 500;

/**
 * Reads a bounce from a raw message: a `multipart/report; report-type=delivery-status` DSN, or
 * a classic non-DSN bounce from MAILER-DAEMON/postmaster with an empty Return-Path and
 * `X-Failed-Recipients`. Returns null for any other mail.
 *
 * @example
 * const bounce = readBounce(raw);
 * if (bounce?.action === 'failed') markFailed(bounce.originalMessageId, bounce.status);
 */
export function readBounce(raw: Buffer): Bounce | null {
  const text = raw.toString('latin1');
  const top = splitMessage(text);
  const contentType = top.headers.get('content-type') ?? '';
  const isReport = /^\s*multipart\/report\b/i.test(contentType) && /delivery-status/i.test(headerParam(contentType, 'report-type') ?? '');
  if (isReport) {
    const boundary = headerParam(contentType, 'boundary');
    if (!boundary) return null;
    return readDsn(multipartParts(top.body, boundary));
  }
  const from = top.headers.get('from') ?? '';
  const returnPath = top.headers.get('return-path');
  const failed = top.headers.get('x-failed-recipients');
  if (failed && /mailer-daemon|postmaster/i.test(from) && (returnPath === undefined || /^<\s*>$/.test(returnPath))) {
    return {
      originalMessageId: findMessageId(top.body),
      action: 'failed',
      status: /\b([45]\.\d{1,3}\.\d{1,3})\b/.exec(top.body)?.[1] ?? null,
      recipient: failed.split(',')[0]!.trim().toLowerCase() || null,
      diagnostic: firstLines(top.body),
    };
  }
  return null;
}

function readDsn(parts: MimePart[]): Bounce | null {
  const statusPart = parts.find((p) => /^\s*message\/(global-)?delivery-status\b/i.test(p.headers.get('content-type') ?? ''));
  if (!statusPart) return null;
  // The per-message fields come first, then one block per recipient, separated by empty lines.
  const blocks = statusPart.body.split(/\r?\n\s*\r?\n/).map(parseHeaderBlock).filter((b) => b.size > 0);
  const recipients = blocks.filter((b) => b.has('action'));
  const failed = recipients.find((b) => /^failed/i.test(b.get('action') ?? ''));
  const chosen = failed ?? recipients.find((b) => /^delayed/i.test(b.get('action') ?? ''));
  if (!chosen) return null;
  const returned = parts.find((p) => /^\s*(text\/rfc822-headers|message\/(global-)?rfc822|message\/global-headers)\b/i.test(p.headers.get('content-type') ?? ''));
  const human = parts.find((p) => /^\s*text\/plain\b/i.test(p.headers.get('content-type') ?? ''));
  const diagnostic = (chosen.get('diagnostic-code') ?? '').replace(/^\s*smtp\s*;\s*/i, '').replace(/\s+/g, ' ').trim() || firstLines(human?.body ?? '');
  return {
    originalMessageId: returned ? findMessageId(returned.body) : null,
    action: failed ? 'failed' : 'delayed',
    status: /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(chosen.get('status') ?? '')?.[1] ?? null,
    recipient: (chosen.get('final-recipient') ?? chosen.get('original-recipient') ?? '').replace(/^\s*rfc822\s*;\s*/i, '').trim().toLowerCase() || null,
    diagnostic: diagnostic.slice(0, MAX_DIAGNOSTIC),
  };
}

function findMessageId(text: string): string | null {
  const match = /^message-id:[ \t]*(?:\r?\n[ \t]+)?(<[^<>\s]+>)/im.exec(text);
  return match ? normaliseMessageId(match[1]) : null;
}

function firstLines(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_DIAGNOSTIC);
}
