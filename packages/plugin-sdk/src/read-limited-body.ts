import { Buffer } from 'node:buffer';

/**
 * Reads a response's body up to `maxBytes`, for media a channel downloads from its provider: a
 * declared `Content-Length` over the limit is refused without reading anything, and a body
 * without one (a CDN streaming it) is counted as it arrives and dropped the moment it passes the
 * limit, so a huge or endless file never sits in memory. `tooLarge` builds the channel's own
 * error, with the declared size, or `null` when the body was cut off while counting.
 *
 * @example
 * const data = await readLimitedBody(response, 16 << 20, (size) => new AcmeError(`the file is ${size ?? 'over 16 MB'} bytes`));
 */
export async function readLimitedBody(response: Response, maxBytes: number, tooLarge: (size: number | null) => Error): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(declared);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    size += next.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      throw tooLarge(null);
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks);
}
