/** Longest stored filename, in characters (code points). */
const MAX_FILENAME_LENGTH = 200;
/** Longest extension kept when a long name is shortened. */
const MAX_KEPT_EXTENSION = 16;

// C0 and C1 controls, plus the bidi overrides and isolates used to disguise "evil\u202Efdp.exe".
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Name given to an upload whose filename is empty or nothing but dots.
 *
 * @example
 * sanitizeAttachmentFilename('../'); // fallbackAttachmentFilename
 */
export const fallbackAttachmentFilename = 'attachment';

/**
 * A filename safe to store and show: path components (`/` and `\`) stripped, control and bidi
 * override characters removed, Unicode normalised to NFC, surrounding spaces and leading dots
 * trimmed, and at most 200 characters (a long name keeps its extension).
 *
 * @example
 * sanitizeAttachmentFilename('C:\\Users\\ana\\..\\invoice\u0000.pdf'); // 'invoice.pdf'
 * sanitizeAttachmentFilename('../../etc/passwd'); // 'passwd'
 */
export function sanitizeAttachmentFilename(filename: string | undefined): string {
  const base = (filename ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(UNSAFE_CHARACTERS, '').trim().replace(/^\.+/, '').trim();
  if (cleaned === '') return fallbackAttachmentFilename;
  const chars = Array.from(cleaned);
  if (chars.length <= MAX_FILENAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  if (extension.length === 0 || extension.length > MAX_KEPT_EXTENSION) return chars.slice(0, MAX_FILENAME_LENGTH).join('').trim();
  const stem = Array.from(cleaned.slice(0, dot));
  return stem.slice(0, MAX_FILENAME_LENGTH - extension.length).join('').trim() + extension.join('');
}

/**
 * A `Content-Disposition: attachment` value carrying the filename both as an ASCII fallback and
 * as RFC 8187 `filename*=UTF-8''...`, which every current browser prefers.
 *
 * @example
 * attachmentContentDisposition('résumé.pdf'); // `attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`
 */
export function attachmentContentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
