/**
 * Whether an origin (`https://shop.example.com`, as browsers send it) matches one allowed-origin
 * pattern: the same origin, `*`, or `scheme://*.domain[:port]` for any subdomain of `domain` (not
 * the domain itself).
 *
 * @example
 * originMatches('https://a.b.example.com', 'https://*.example.com'); // true
 * originMatches('https://example.com', 'https://*.example.com'); // false
 */
export function originMatches(origin: string, pattern: string): boolean {
  if (pattern === '*') return true;
  const normalized = normalizeOrigin(origin);
  if (normalized === null) return false;
  if (!pattern.includes('*')) return normalized === pattern;
  const match = /^(https?):\/\/\*\.([^:]+)(:\d+)?$/.exec(pattern);
  const candidate = /^(https?):\/\/([^:]+)(:\d+)?$/.exec(normalized);
  if (!match || !candidate) return false;
  return match[1] === candidate[1] && (match[3] ?? '') === (candidate[3] ?? '') && candidate[2]!.endsWith(`.${match[2]}`);
}

/**
 * The origin a browser request comes from: its `Origin` header, or the origin of `Referer` when
 * the browser sent no `Origin` (same-origin GETs, EventSource). `null` when neither says, or when
 * the page is opaque (`Origin: null`: sandboxed frames, files).
 *
 * @example
 * requestOrigin({ origin: undefined, referer: 'https://shop.example.com/cart?x=1' }); // 'https://shop.example.com'
 */
export function requestOrigin(headers: { origin: string | undefined; referer: string | undefined }): string | null {
  if (headers.origin !== undefined) return normalizeOrigin(headers.origin);
  if (headers.referer !== undefined) return normalizeOrigin(headers.referer);
  return null;
}

/**
 * The lower-cased `scheme://host[:port]` of a URL, without a default port; `null` for anything that
 * is not an http(s) URL.
 *
 * @example
 * normalizeOrigin('HTTPS://Shop.Example.com:443/x'); // 'https://shop.example.com'
 */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * The value of `Content-Security-Policy: frame-ancestors` for a widget's chat iframe: the server
 * itself and the widget's allowed origins, so no other site can frame the chat.
 *
 * @example
 * frameAncestors(['https://shop.example.com', 'https://*.example.net']); // "frame-ancestors 'self' https://shop.example.com https://*.example.net"
 */
export function frameAncestors(allowedOrigins: readonly string[]): string {
  return allowedOrigins.includes('*') ? 'frame-ancestors *' : `frame-ancestors 'self' ${allowedOrigins.join(' ')}`;
}
