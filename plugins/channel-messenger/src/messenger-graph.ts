import { readLimitedBody } from '@switchboard/plugin-sdk';
import * as v from 'valibot';

const ErrorBodySchema = v.object({
  error: v.object({ message: v.optional(v.string(), ''), code: v.optional(v.number()), error_subcode: v.optional(v.number()) }),
});

/**
 * A failed Graph API call or CDN download: HTTP status (0 when nothing answered), and Meta's
 * `code` / `error_subcode` when the body had them.
 *
 * @example
 * if (err instanceof SendApiError && err.code === 551) markUnreachable();
 */
export class SendApiError extends Error {
  readonly status: number;
  readonly code: number | null;
  readonly subcode: number | null;

  constructor(message: string, details: { status: number; code?: number | null; subcode?: number | null; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SendApiError';
    this.status = details.status;
    this.code = details.code ?? null;
    this.subcode = details.subcode ?? null;
  }
}

/** The Graph API and Meta's CDN, as the Messenger channel uses them. */
export type MessengerGraph = {
  /** `GET`/`POST <baseUrl>/<version>/<path>` with a Page access token; the JSON answer. */
  call(method: 'GET' | 'POST', path: string, pageToken: string, body?: unknown): Promise<unknown>;
  /** Fetches an attachment URL from a webhook (a signed CDN link, no token needed), up to `maxBytes`. */
  fetchFile(url: string, maxBytes: number): Promise<{ data: Uint8Array; contentType: string | null }>;
};

/**
 * Creates the Graph client: one timeout per request, Meta's error body as a {@link SendApiError}.
 *
 * @example
 * const graph = createMessengerGraph({ baseUrl: 'https://graph.facebook.com', version: 'v25.0', timeoutMs: 10_000 });
 * await graph.call('POST', '109876543210987/messages', pageToken, { recipient: { id: psid }, message: { text: 'Hi' } });
 */
export function createMessengerGraph(options: { baseUrl: string; version: string; timeoutMs: number; signal?: AbortSignal }): MessengerGraph {
  const request = async (url: string, init: RequestInit): Promise<Response> => {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    try {
      return await fetch(url, { ...init, signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout });
    } catch (cause) {
      const why = timeout.aborted ? `no answer within ${options.timeoutMs} ms` : String((cause as Error).cause ?? (cause as Error).message ?? cause);
      throw new SendApiError(`could not reach ${new URL(url).host}: ${why}`, { status: 0, cause });
    }
  };

  return {
    async call(method, path, pageToken, body) {
      const headers: Record<string, string> = { Authorization: `Bearer ${pageToken}` };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await request(`${options.baseUrl}/${options.version}/${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await response.text();
      const json = safeJson(text);
      if (response.ok && json !== undefined) return json;
      const failure = v.safeParse(ErrorBodySchema, json);
      if (!failure.success) throw new SendApiError(`the Graph API answered ${response.status}${text ? `: ${text.slice(0, 300)}` : ''}`, { status: response.status });
      const { message, code, error_subcode: subcode } = failure.output.error;
      throw new SendApiError(message || `the Graph API answered ${response.status}`, { status: response.status, code: code ?? null, subcode: subcode ?? null });
    },
    async fetchFile(url, maxBytes) {
      const response = await request(url, { method: 'GET' });
      if (!response.ok) {
        await response.body?.cancel();
        throw new SendApiError(`the file URL answered ${response.status}`, { status: response.status });
      }
      const data = await readLimitedBody(response, maxBytes, () => new SendApiError(`the file is over ${maxBytes} bytes (maxMediaBytes)`, { status: 413 }));
      return { data, contentType: response.headers.get('content-type') };
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
