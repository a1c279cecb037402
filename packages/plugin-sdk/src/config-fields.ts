import * as v from 'valibot';

/** A part of a URL that {@link isHttpUrl} (and {@link httpUrl}) can be told to refuse. */
export type UrlPart = 'credentials' | 'query' | 'fragment';

/** Options of {@link isHttpUrl}. */
export type HttpUrlRules = {
  /** Parts the URL must not have: `user:password@`, `?query`, `#fragment`. Default: none refused. */
  without?: readonly UrlPart[];
};

/** Options of {@link httpUrl}. */
export type HttpUrlOptions = HttpUrlRules & {
  /** A good value, quoted at the end of the refusal (`…, e.g. https://api.example.com`). */
  example?: string;
};

/** Options of {@link wholeNumber}. */
export type WholeNumberOptions = {
  /** What is counted, named in the type refusals (`… must be a number of milliseconds`). */
  unit?: string;
};

// In the order refusals name them, whichever order a plugin lists them in.
const URL_PARTS: Record<UrlPart, { name: string; isIn(url: URL): boolean }> = {
  credentials: { name: 'credentials', isIn: (url) => url.username !== '' || url.password !== '' },
  query: { name: 'query', isIn: (url) => url.search !== '' },
  fragment: { name: '#fragment', isIn: (url) => url.hash !== '' },
};
const PART_ORDER = Object.keys(URL_PARTS) as UrlPart[];

/**
 * Whether a string is an absolute `http:` or `https:` URL, optionally without credentials, query
 * or fragment — for base URLs a plugin appends paths to, or must repeat exactly (a signed
 * webhook URL). Use it with `v.check` where a field needs its own wording; {@link httpUrl} is
 * the whole field.
 *
 * @example
 * isHttpUrl('https://graph.facebook.com'); // true
 * isHttpUrl('ftp://example.com'); // false
 * isHttpUrl('https://example.com/?page=2', { without: ['query', 'fragment'] }); // false
 * v.pipe(v.string(), v.check((value) => isHttpUrl(value, { without: ['query'] }), 'graphApiBaseUrl must be an absolute http(s) URL without query'));
 */
export function isHttpUrl(value: string, rules: HttpUrlRules = {}): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return !(rules.without ?? []).some((part) => URL_PARTS[part].isIn(url));
}

/**
 * A config field holding an absolute http(s) URL, its trailing slashes trimmed: plugins append
 * paths to it, and `https://api.example.com/` would give them `//` — or change a signed URL.
 * Every refusal names the key.
 *
 * @example
 * const Schema = v.object({ apiBaseUrl: v.optional(httpUrl('apiBaseUrl', 'The Bot API base URL.'), 'https://api.telegram.org') });
 * v.parse(Schema, { apiBaseUrl: 'http://127.0.0.1:8081/' }).apiBaseUrl; // 'http://127.0.0.1:8081'
 * // Refused: 'webhookBaseUrl must be an absolute http:// or https:// URL without credentials or #fragment, e.g. https://inbox.example.com'
 * httpUrl('webhookBaseUrl', 'Where Twilio posts.', { without: ['credentials', 'fragment'], example: 'https://inbox.example.com' });
 */
export function httpUrl(key: string, description: string, options: HttpUrlOptions = {}) {
  const refused = PART_ORDER.filter((part) => options.without?.includes(part)).map((part) => URL_PARTS[part].name);
  const without = refused.length === 0 ? '' : ` without ${new Intl.ListFormat('en', { type: 'disjunction' }).format(refused)}`;
  const example = options.example === undefined ? '' : `, e.g. ${options.example}`;
  return v.pipe(
    v.string(`${key} must be a string`),
    v.check((value) => isHttpUrl(value, options), `${key} must be an absolute http:// or https:// URL${without}${example}`),
    v.transform((value) => value.replace(/\/+$/, '')),
    v.description(description),
  );
}

/**
 * A config field holding a whole number from `min` to `max`, each refusal naming the key and,
 * where given, the unit.
 *
 * @example
 * const Schema = v.object({ timeoutMs: v.optional(wholeNumber('timeoutMs', 100, 25_000, 'How long one API call may take.', { unit: 'milliseconds' }), 10_000) });
 * v.parse(Schema, {}).timeoutMs; // 10000
 * // Refused: 'timeoutMs must be a whole number of milliseconds', 'timeoutMs must be at most 25000'
 */
export function wholeNumber(key: string, min: number, max: number, description: string, options: WholeNumberOptions = {}) {
  const unit = options.unit === undefined ? '' : ` of ${options.unit}`;
  return v.pipe(
    v.number(`${key} must be a number${unit}`),
    v.integer(`${key} must be a whole number${unit}`),
    v.minValue(min, `${key} must be at least ${min}`),
    v.maxValue(max, `${key} must be at most ${max}`),
    v.description(description),
  );
}

/**
 * Like `v.regex`, but a refused value is never repeated in the issue: config problems print
 * `received`, and this value is a credential. The issue says `received: '(hidden)'` and names
 * what was `expected` in words instead of the pattern.
 *
 * @example
 * const token = v.pipe(
 *   v.string('bots[].token must be a string'),
 *   secretMatching(/^\d+:[\w-]{20,}$/, 'bots[].token must look like "<bot id>:<secret>"', 'a bot token from @BotFather'),
 * );
 */
export function secretMatching(pattern: RegExp, message: string, expected: string): v.RawCheckAction<string> {
  return v.rawCheck<string>(({ dataset, addIssue }) => {
    if (dataset.typed && !pattern.test(dataset.value)) addIssue({ message, expected, received: '(hidden)' });
  });
}
