import { fileTypeFromBuffer } from 'file-type';
import { mediaTypeEssence } from './attachments-config';

/** Text types a client may name for bytes that carry no magic number. */
const DECLARABLE_TEXT_TYPES = new Set(['text/plain', 'text/csv']);

/**
 * Used when neither the bytes' magic number nor the text rule identifies a file; no default
 * allow-list accepts it.
 *
 * @example
 * if (type === unknownContentType) refuse();
 */
export const unknownContentType = 'application/octet-stream';

function isUtf8TextWithoutNul(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    // A decoding failure is the answer, not an error: the bytes are not UTF-8 text.
    return false;
  }
}

/**
 * The content type of a file, judged from its bytes with `file-type`. The client's declared type
 * is trusted only for text that has no magic number: when the bytes are valid UTF-8 without NUL
 * bytes, the result is the declared type if it is `text/plain` or `text/csv`, else `text/csv` for
 * a `.csv` filename, else `text/plain`. Anything else unrecognised is `application/octet-stream`.
 * So an HTML or SVG file declared as such is stored as `text/plain`, and an executable declared as
 * a PDF is still an executable.
 *
 * @example
 * await sniffContentType(pngBytes, 'application/pdf'); // 'image/png'
 * await sniffContentType(new TextEncoder().encode('a,b\n1,2\n'), 'text/csv'); // 'text/csv'
 * await sniffContentType(new TextEncoder().encode('<svg onload=alert(1)>'), 'image/svg+xml'); // 'text/plain'
 */
export async function sniffContentType(bytes: Uint8Array, declaredType?: string, filename?: string): Promise<string> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) return detected.mime;
  if (!isUtf8TextWithoutNul(bytes)) return unknownContentType;
  const declared = declaredType === undefined ? '' : mediaTypeEssence(declaredType);
  if (DECLARABLE_TEXT_TYPES.has(declared)) return declared;
  if (filename?.toLowerCase().endsWith('.csv')) return 'text/csv';
  return 'text/plain';
}
