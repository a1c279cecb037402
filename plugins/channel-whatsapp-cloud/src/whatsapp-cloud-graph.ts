import { readLimitedBody } from '@switchboard/plugin-sdk';
import * as v from 'valibot';

/** Options of {@link createGraphClient}. */
export type GraphClientOptions = {
  /** e.g. `https://graph.facebook.com` (no trailing slash). */
  baseUrl: string;
  /** e.g. `v25.0`. */
  version: string;
  /** The system-user or business access token sent as `Authorization: Bearer`. */
  accessToken: string;
  timeoutMs: number;
  /** Aborts requests in flight when the plugin stops. */
  signal?: AbortSignal;
};

const GraphErrorBodySchema = v.object({
  error: v.object({
    message: v.optional(v.string(), ''),
    type: v.optional(v.string()),
    code: v.optional(v.number()),
    error_subcode: v.optional(v.number()),
    error_data: v.optional(v.object({ details: v.optional(v.string()) })),
    fbtrace_id: v.optional(v.string()),
  }),
});

/**
 * A Graph API call that failed: the HTTP status (0 when it never got an answer), Meta's error
 * `code`, `subcode` and `details` when the body had them.
 *
 * @example
 * if (err instanceof GraphApiError && err.code === 131047) showTemplatePicker();
 */
export class GraphApiError extends Error {
  readonly status: number;
  readonly code: number | null;
  readonly subcode: number | null;
  readonly details: string | null;

  constructor(options: { message: string; status: number; code?: number | null; subcode?: number | null; details?: string | null; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GraphApiError';
    this.status = options.status;
    this.code = options.code ?? null;
    this.subcode = options.subcode ?? null;
    this.details = options.details ?? null;
  }
}

/** The Graph API as the channel uses it: JSON calls and authenticated media downloads. */
export type GraphClient = {
  /** Calls `<baseUrl>/<version>/<path>` with a JSON or multipart body; returns the parsed JSON answer. */
  call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>;
  /** Downloads a media URL the API handed out, with the same Bearer token, refusing more than `maxBytes`. */
  download(url: string, maxBytes: number): Promise<{ data: Uint8Array; contentType: string | null }>;
};

/**
 * Creates the Graph API client of this channel: Bearer auth, a timeout per request, and Meta's
 * error body turned into a {@link GraphApiError}.
 *
 * @example
 * const graph = createGraphClient({ baseUrl: 'https://graph.facebook.com', version: 'v25.0', accessToken, timeoutMs: 10_000 });
 * const sent = await graph.call('POST', '106540352242922/messages', { messaging_product: 'whatsapp', to: '+12025550143', type: 'text', text: { body: 'Hi' } });
 */
export function createGraphClient(options: GraphClientOptions): GraphClient {
  const authorization = `Bearer ${options.accessToken}`;

  async function send(url: string, init: RequestInit): Promise<Response> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    try {
      return await fetch(url, { ...init, headers: { ...init.headers, Authorization: authorization }, signal, redirect: 'follow' });
    } catch (cause) {
      const reason = timeout.aborted ? `no answer within ${options.timeoutMs} ms` : cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
      throw new GraphApiError({ message: `could not reach ${new URL(url).host}: ${reason}`, status: 0, cause });
    }
  }

  return {
    async call(method, path, body) {
      const isForm = body instanceof FormData;
      const response = await send(`${options.baseUrl}/${options.version}/${path}`, {
        method,
        ...(body === undefined ? {} : { body: isForm ? body : JSON.stringify(body) }),
        ...(body === undefined || isForm ? {} : { headers: { 'Content-Type': 'application/json' } }),
      });
      const text = await response.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      if (response.ok && json !== null) return json;
      throw errorOf(response.status, json, text);
    },
    async download(url, maxBytes) {
      const response = await send(url, { method: 'GET' });
      if (!response.ok) throw errorOf(response.status, null, await response.text().catch(() => ''));
      const data = await readLimitedBody(response, maxBytes, (size) =>
        size === null
          ? new GraphApiError({ message: `the file is over the limit of ${maxBytes} bytes (maxMediaBytes)`, status: 413 })
          : new GraphApiError({ message: `the file is ${size} bytes, over the limit of ${maxBytes} (maxMediaBytes)`, status: 413 }),
      );
      return { data, contentType: response.headers.get('content-type') };
    },
  };
}

function errorOf(status: number, json: unknown, text: string): GraphApiError {
  const parsed = v.safeParse(GraphErrorBodySchema, json);
  if (!parsed.success) {
    const excerpt = text.trim().slice(0, 300);
    return new GraphApiError({ message: `the Graph API answered ${status}${excerpt ? `: ${excerpt}` : ''}`, status });
  }
  const { message, code, error_subcode: subcode, error_data: data } = parsed.output.error;
  return new GraphApiError({ message: message || `the Graph API answered ${status}`, status, code: code ?? null, subcode: subcode ?? null, details: data?.details ?? null });
}
