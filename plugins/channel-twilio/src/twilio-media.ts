import { readLimitedBody } from '@switchboard/plugin-sdk';
import { DEFAULT_API_BASE_URL } from './twilio-config';
import { TwilioChannelError, TwilioErrorCodes } from './twilio-errors';
import type { InboundMedia } from './twilio-inbound-schemas';

/** A downloaded media file, ready for `ctx.attachments.put`. */
export type DownloadedMedia = { data: Uint8Array; filename: string; contentType: string };

/** Options of {@link createTwilioMediaFetcher}. */
export type TwilioMediaFetcherOptions = {
  accountSid: string;
  authToken: string;
  /** Media URLs on api.twilio.com are fetched from here instead (a regional edge, a test stand-in). */
  apiBaseUrl: string;
  maxBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
};

const MAX_REDIRECTS = 5;
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/amr': 'amr',
  'audio/mp4': 'm4a',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'application/pdf': 'pdf',
  'text/vcard': 'vcf',
  'text/x-vcard': 'vcf',
  'text/plain': 'txt',
};

/**
 * Creates the downloader for inbound media. Twilio's media URLs need HTTP Basic auth
 * (AccountSid:AuthToken) and redirect to a CDN; the credentials go only to Twilio's own hosts
 * (`*.twilio.com`, `apiBaseUrl`), never along a redirect elsewhere. A file over `maxBytes` is
 * refused without reading it whole. Errors are {@link TwilioChannelError}s: retryable for
 * timeouts, network errors, 429 and 5xx; permanent for a missing (404/410) or refused file.
 *
 * @example
 * const fetchMedia = createTwilioMediaFetcher({ accountSid, authToken, apiBaseUrl, maxBytes: 16 << 20, timeoutMs: 30_000 });
 * const file = await fetchMedia({ url: params.MediaUrl0, contentType: 'image/jpeg' });
 */
export function createTwilioMediaFetcher(options: TwilioMediaFetcherOptions): (media: InboundMedia) => Promise<DownloadedMedia> {
  const api = new URL(options.apiBaseUrl);
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const trusted = (url: URL) => url.origin === api.origin || (url.protocol === 'https:' && (url.hostname === 'twilio.com' || url.hostname.endsWith('.twilio.com')));

  return async (media) => {
    let url = rebase(new URL(media.url), api);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    const where = `${url.origin}${url.pathname}`;
    try {
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const response = await fetch(url, { headers: trusted(url) ? { Authorization: authorization } : {}, redirect: 'manual', signal });
        const location = response.headers.get('Location');
        if (response.status >= 300 && response.status < 400 && location) {
          await response.body?.cancel();
          url = new URL(location, url);
          continue;
        }
        if (!response.ok) {
          await response.body?.cancel();
          throw statusError(response.status, where);
        }
        const contentType = (response.headers.get('Content-Type') ?? media.contentType).split(';')[0]?.trim() || media.contentType;
        const data = await readLimitedBody(response, options.maxBytes, (size) => tooLarge(where, size, options.maxBytes));
        return { data, contentType, filename: filenameOf(media.url, contentType) };
      }
      throw new TwilioChannelError({ code: TwilioErrorCodes.MEDIA_FAILED, message: `channel-twilio: media ${where} redirected more than ${MAX_REDIRECTS} times`, retryable: false });
    } catch (err) {
      if (err instanceof TwilioChannelError) throw err;
      const reason = timeout.aborted ? `no answer within ${options.timeoutMs} ms (media.timeoutMs)` : err instanceof Error ? err.message : String(err);
      throw new TwilioChannelError({ code: TwilioErrorCodes.MEDIA_FAILED, message: `channel-twilio: could not download media ${where}: ${reason}`, retryable: true, cause: err });
    }
  };
}

/** Twilio's media URLs name api.twilio.com; when the API is elsewhere, so is its media. */
function rebase(url: URL, api: URL): URL {
  if (url.origin !== new URL(DEFAULT_API_BASE_URL).origin || api.origin === url.origin) return url;
  const basePath = api.pathname.replace(/\/+$/, '');
  return new URL(`${api.origin}${basePath}${url.pathname}${url.search}`);
}

function statusError(status: number, where: string): TwilioChannelError {
  if (status === 404 || status === 410) {
    return new TwilioChannelError({ code: TwilioErrorCodes.MEDIA_UNAVAILABLE, message: `channel-twilio: media ${where} is gone (HTTP ${status}); it was deleted at Twilio`, retryable: false });
  }
  const retryable = status === 408 || status === 429 || status >= 500;
  const hint = status === 401 || status === 403 ? '; check accountSid and the authToken secret' : '';
  return new TwilioChannelError({ code: TwilioErrorCodes.MEDIA_FAILED, message: `channel-twilio: media ${where} answered HTTP ${status}${hint}`, retryable });
}

function tooLarge(where: string, size: number | null, maxBytes: number): TwilioChannelError {
  const bytes = size === null ? `more than ${maxBytes}` : String(size);
  return new TwilioChannelError({ code: TwilioErrorCodes.MEDIA_TOO_LARGE, message: `channel-twilio: media ${where} is ${bytes} bytes; media.maxBytes allows ${maxBytes}`, retryable: false });
}

/** `ME….jpg`: the media SID is stable and says nothing about the customer. */
function filenameOf(url: string, contentType: string): string {
  const last = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? 'media';
  const base = /^[\w.-]{1,100}$/.test(last) ? last : 'media';
  const extension = EXTENSIONS[contentType.toLowerCase()];
  return extension && !base.includes('.') ? `${base}.${extension}` : base;
}
