import * as v from 'valibot';
import { ProblemSchema } from '../shared/webchat-protocol';

/** Why a call to the chat server failed: `status` 0 means it never got an answer (offline). */
export class ChatError extends Error {
  readonly status: number;
  readonly code: string;
  readonly retryAfterMs: number | null;
  constructor(status: number, code: string, message: string, options: { cause?: unknown; retryAfterMs?: number | null } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ChatError';
    this.status = status;
    this.code = code;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/** Network failure code of {@link ChatError}. */
export const NETWORK_ERROR = 'SWB_WIDGET_NETWORK';

/** Errors after which the stored token is worth nothing and a new session is needed. */
export const TOKEN_ERRORS = new Set(['SWB_ERR_WEBCHAT_UNAUTHENTICATED', 'SWB_ERR_WEBCHAT_TOKEN_INVALID', 'SWB_ERR_WEBCHAT_TOKEN_EXPIRED']);

/** Whether trying the same request again later can help (offline, overloaded, rate-limited). */
export function isRetryable(err: unknown): boolean {
  return err instanceof ChatError && (err.status === 0 || err.status === 429 || err.status >= 500);
}

/**
 * The visitor API (PROTOCOL.md §3) from inside the chat iframe: same origin as the server, the
 * session token as a bearer, every answer parsed with its schema, every failure a
 * {@link ChatError} with the server's stable code.
 *
 * @example
 * const client = createChatClient('https://chat.example.com/plugins/channel-webchat/', () => token);
 * const history = await client.call('GET', 'v1/messages?after=118', undefined, HistoryResponseSchema);
 */
export function createChatClient(base: string, token: () => string | null) {
  async function call<S extends v.GenericSchema>(method: string, path: string, body: unknown, schema: S, bearer = token()): Promise<v.InferOutput<S>> {
    const headers: Record<string, string> = {};
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    const isForm = body instanceof FormData;
    if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : isForm ? body : JSON.stringify(body) });
    } catch (cause) {
      throw new ChatError(0, NETWORK_ERROR, `could not reach the chat server (${method} ${path})`, { cause });
    }
    if (res.status === 204) return v.parse(schema, undefined);
    const data: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const problem = v.safeParse(ProblemSchema, data);
      const code = problem.success ? problem.output.code : '';
      const retry = Number(res.headers.get('retry-after'));
      throw new ChatError(res.status, code || `HTTP_${res.status}`, (problem.success && problem.output.detail) || `${method} ${path} answered ${res.status}`, {
        retryAfterMs: Number.isFinite(retry) && retry > 0 ? retry * 1000 : null,
      });
    }
    const parsed = v.safeParse(schema, data);
    if (!parsed.success) throw new ChatError(res.status, 'SWB_WIDGET_BAD_RESPONSE', `${method} ${path}: unexpected answer (${v.summarize(parsed.issues)})`);
    return parsed.output;
  }
  return { call };
}

/** The chat server client. */
export type ChatClient = ReturnType<typeof createChatClient>;
