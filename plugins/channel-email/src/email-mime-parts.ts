// A minimal reader for the top-level parts of a multipart message, for the two places where
// mailparser flattens what we need to see as it was sent: a DSN's machine-readable
// `message/delivery-status` part (merged into `text` by mailparser) and the returned headers.

/** One part of a multipart body: its unfolded headers (lower-case names) and its raw body. */
export type MimePart = { headers: Map<string, string>; body: string };

/**
 * Splits a header block into unfolded headers, lower-case names, first occurrence wins.
 *
 * @example
 * parseHeaderBlock('Action: failed\r\nStatus: 5.1.1').get('status'); // '5.1.1'
 */
export function parseHeaderBlock(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name) || headers.has(name)) continue;
    headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * The header block and body of a message or part (split at the first empty line).
 *
 * @example
 * const { headers, body } = splitMessage(raw.toString('latin1'));
 */
export function splitMessage(text: string): MimePart {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { headers: parseHeaderBlock(text), body: '' };
  return { headers: parseHeaderBlock(text.slice(0, match.index)), body: text.slice(match.index + match[0].length) };
}

/**
 * The direct parts of a multipart body with the given boundary (preamble and epilogue dropped).
 *
 * @example
 * const parts = multipartParts(body, '4Xb7Kq2Lm9z2.1795353609/mx.example.com');
 */
export function multipartParts(body: string, boundary: string): MimePart[] {
  const delimiter = `--${boundary}`;
  const pieces = body.split(delimiter);
  const parts: MimePart[] = [];
  // pieces[0] is the preamble; a piece starting with `--` follows the closing delimiter.
  for (const piece of pieces.slice(1)) {
    if (piece.startsWith('--')) break;
    parts.push(splitMessage(piece.replace(/^[ \t]*\r?\n/, '')));
  }
  return parts;
}

/**
 * A parameter of a structured header value (`boundary`, `report-type`), unquoted.
 *
 * @example
 * headerParam('multipart/report; report-type=delivery-status; boundary="b1"', 'boundary'); // 'b1'
 */
export function headerParam(value: string, name: string): string | null {
  const re = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i');
  const match = re.exec(value);
  return match ? (match[1] ?? match[2] ?? null) : null;
}
