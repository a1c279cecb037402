import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The header Twilio signs every webhook request with. */
export const TWILIO_SIGNATURE_HEADER = 'X-Twilio-Signature';

/** Form parameters in the order they arrived; a name may repeat. */
export type TwilioParamPairs = ReadonlyArray<readonly [string, string]>;

/**
 * The string Twilio signs: the URL exactly as configured, then for every parameter sorted by name
 * (each value of a repeated name sorted too) the name and the value, without separators.
 *
 * @example
 * twilioStringToSign('https://inbox.example.com/hook', [['To', '+1202'], ['Body', 'hi']]);
 * // 'https://inbox.example.com/hookBodyhiTo+1202'
 */
export function twilioStringToSign(url: string, params: TwilioParamPairs): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of params) {
    const values = byName.get(name);
    if (values) values.push(value);
    else byName.set(name, [value]);
  }
  // Plain code-unit order, as Twilio's own SDKs sort: never locale-aware.
  let data = url;
  for (const name of [...byName.keys()].sort()) {
    for (const value of (byName.get(name) ?? []).sort()) data += name + value;
  }
  return data;
}

/**
 * Computes the `X-Twilio-Signature` of a request: base64 HMAC-SHA1, keyed with the Auth Token,
 * of {@link twilioStringToSign}.
 *
 * @example
 * const signature = computeTwilioSignature(authToken, 'https://inbox.example.com/hook', [...new URLSearchParams(body)]);
 */
export function computeTwilioSignature(authToken: string, url: string, params: TwilioParamPairs): string {
  return createHmac('sha1', authToken).update(twilioStringToSign(url, params), 'utf8').digest('base64');
}

/**
 * The URL as given and its twin with or without the scheme's default port: Twilio's own signing
 * is inconsistent about `:443`/`:80`, so its SDK accepts both, and so do we.
 *
 * @example
 * urlPortVariants('https://a.example.com/x'); // ['https://a.example.com/x', 'https://a.example.com:443/x']
 */
export function urlPortVariants(url: string): string[] {
  const match = /^(https?):\/\/([^/?#]*)(.*)$/s.exec(url);
  if (!match) return [url];
  const [, scheme, authority = '', rest = ''] = match;
  const defaultPort = scheme === 'https' ? '443' : '80';
  const portMatch = /^(.*?)(?::(\d*))?$/.exec(authority);
  const host = portMatch?.[1] ?? authority;
  const port = portMatch?.[2];
  if (port === undefined) return [url, `${scheme}://${host}:${defaultPort}${rest}`];
  if (port === defaultPort) return [url, `${scheme}://${host}${rest}`];
  return [url];
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks a form-encoded webhook's `X-Twilio-Signature`: `url` is the public URL exactly as
 * configured in Twilio (scheme, host, path, query), `params` the URL-decoded POST parameters as
 * they arrived. Constant-time; false for a missing or malformed header.
 *
 * @example
 * const params = [...new URLSearchParams(rawBody)];
 * if (!verifyTwilioSignature(authToken, req.headers['x-twilio-signature'], 'https://inbox.example.com/plugins/channel-twilio/messages', params)) return res.status(403).end();
 */
export function verifyTwilioSignature(authToken: string, signature: string | null | undefined, url: string, params: TwilioParamPairs): boolean {
  if (!authToken || !signature) return false;
  return urlPortVariants(url).some((candidate) => sameSignature(computeTwilioSignature(authToken, candidate, params), signature));
}

/**
 * Checks a JSON-bodied Twilio webhook: the URL carries `bodySHA256` (hex SHA-256 of the raw body),
 * the signature covers the URL alone, and the body must hash to that value.
 *
 * @example
 * verifyTwilioJsonSignature(authToken, header, 'https://inbox.example.com/hook?bodySHA256=b35a…', rawBody);
 */
export function verifyTwilioJsonSignature(authToken: string, signature: string | null | undefined, url: string, rawBody: string | Uint8Array): boolean {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1).split('#')[0] : '';
  const declared = new URLSearchParams(query).get('bodySHA256');
  if (!declared || !/^[0-9a-f]{64}$/i.test(declared)) return false;
  const actual = createHash('sha256').update(rawBody).digest('hex');
  if (!sameSignature(actual, declared.toLowerCase())) return false;
  return verifyTwilioSignature(authToken, signature, url, []);
}
