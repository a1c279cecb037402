import { randomBytes } from 'node:crypto';

// Deliberately narrower than RFC 5322: no quoted local parts, no comments, no IP literals. What is
// stored as an identity or written into a header must be one unambiguous mailbox.
const PLAIN_ADDRESS = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)+$/i;

/**
 * Whether a string is one plain address (`local@domain`), with nothing that could break a header.
 *
 * @example
 * isPlainAddress('dana@customer.example.net'); // true
 * isPlainAddress('dana@example.net\r\nBcc: x@evil.example'); // false
 */
export function isPlainAddress(value: string): boolean {
  return value.length <= 254 && PLAIN_ADDRESS.test(value);
}

/**
 * The identity value of an address: trimmed and lower-cased (the whole address is the key; `+tags`
 * and dots are kept), or null when it is not a plain address.
 *
 * @example
 * normaliseAddress(' Dana@Customer.Example.NET '); // 'dana@customer.example.net'
 */
export function normaliseAddress(value: string | undefined | null): string | null {
  if (!value) return null;
  const lower = value.trim().toLowerCase();
  return isPlainAddress(lower) ? lower : null;
}

/**
 * A display name safe for a header: control characters (CR, LF, NUL…) become spaces, runs of
 * whitespace collapse, at most 128 characters. The header encoder quotes the rest.
 *
 * @example
 * safeDisplayName('Alex\r\nBcc: evil@example.net'); // 'Alex Bcc: evil@example.net'
 */
export function safeDisplayName(name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  const clean = name.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 128);
  return clean || undefined;
}

/**
 * A subject safe for a header: one line (control characters become spaces), at most 255 characters.
 *
 * @example
 * safeSubject('Order\r\nBcc: x@evil.example'); // 'Order Bcc: x@evil.example'
 */
export function safeSubject(subject: string): string {
  return subject.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 255);
}

/**
 * A Message-ID as the plugin stores and compares it: the part inside the angle brackets, trimmed;
 * null when it is empty, too long or holds whitespace or brackets.
 *
 * @example
 * normaliseMessageId(' <abc@example.com> '); // 'abc@example.com'
 * normaliseMessageId('<abc@example.com> <def@example.com>'); // 'abc@example.com'
 */
export function normaliseMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  // A header holding several ids (or trailing garbage after a fold) names the first one.
  const first = /<[^<>\s]+>/.exec(value)?.[0] ?? value;
  const inner = first.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  if (!inner || inner.length > 500 || /[\s<>]/.test(inner)) return null;
  return inner;
}

/**
 * Every Message-ID in a header value (References and In-Reply-To may hold several, and mailparser
 * gives a string for one and an array for more), normalised, in order, without repeats.
 *
 * @example
 * messageIdList('<a@x> <b@x>'); // ['a@x', 'b@x']
 * messageIdList(['<a@x>', '<a@x>']); // ['a@x']
 */
export function messageIdList(value: string | string[] | null | undefined): string[] {
  if (!value) return [];
  const joined = Array.isArray(value) ? value.join(' ') : value;
  const found = joined.match(/<[^<>\s]+>/g) ?? joined.split(/\s+/);
  const ids: string[] = [];
  for (const raw of found) {
    const id = normaliseMessageId(raw);
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

const TOKEN_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const KEY_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function randomString(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  // 32-letter alphabets: the low five bits of each byte are uniform.
  for (const byte of bytes) out += alphabet[byte & 31];
  return out;
}

/**
 * A new reply token: 24 characters (120 bits) for `reply+<token>@<reply domain>`. It is what lets
 * a reply from any mail client find its conversation, so it must not be guessable.
 *
 * @example
 * `reply+${newReplyToken()}@inbound.example.com`;
 */
export function newReplyToken(): string {
  return randomString(TOKEN_ALPHABET, 24);
}

/**
 * A new short thread key, shown in subjects as `[#K7P2QX]` and part of the leg's thread.
 *
 * @example
 * newThreadKey(); // 'K7P2QX'
 */
export function newThreadKey(): string {
  return randomString(KEY_ALPHABET, 6);
}

/**
 * The reply token in a recipient address `reply+<token>@<domain>`, when the domain is one of ours.
 *
 * @example
 * replyTokenOf('reply+abc123@inbound.example.com', ['inbound.example.com']); // 'abc123'
 */
export function replyTokenOf(address: string, replyDomains: readonly string[]): string | null {
  const match = /^reply\+([a-z0-9-]{6,64})@(.+)$/i.exec(address.trim());
  if (!match || !replyDomains.includes(match[2]!.toLowerCase())) return null;
  return match[1]!.toLowerCase();
}

/**
 * The thread key in a subject (`[#K7P2QX]`), if any.
 *
 * @example
 * threadKeyOf('Re: [#K7P2QX] Your order'); // 'K7P2QX'
 */
export function threadKeyOf(subject: string): string | null {
  const match = /\[#([2-9A-HJ-NP-Z]{6})\]/.exec(subject);
  return match ? match[1]! : null;
}

/**
 * A subject without reply and forward prefixes (Re:, RE:, AW:, SV:, Fwd:…) and thread keys, for
 * comparing topics and answering with `Re: <subject>`.
 *
 * @example
 * baseSubject('RE: AW: [#K7P2QX] Order #1042'); // 'Order #1042'
 */
export function baseSubject(subject: string): string {
  let s = safeSubject(subject).replace(/\[#[2-9A-HJ-NP-Z]{6}\]/g, ' ');
  for (;;) {
    const next = s.replace(/^\s*(re|aw|sv|vs|antw|ref|fw|fwd|wg|tr)\s*(\[\d+\])?\s*:\s*/i, '');
    if (next === s) break;
    s = next;
  }
  return s.replace(/\s+/g, ' ').trim();
}
