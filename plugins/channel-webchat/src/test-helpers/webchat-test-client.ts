import { expect } from 'vitest';

/** The site the tests' widgets allow; sent as `Origin` like a browser on that site would. */
export const SHOP_ORIGIN = 'http://shop.test.example';

/** A problem+json answer. */
export type Problem = { status: number; code: string; detail: string; errors?: Array<{ path: string; message: string }> };

/** Options of one visitor API call. */
export type CallOptions = { method?: string; token?: string | null; body?: unknown; origin?: string | null; headers?: Record<string, string> };

/**
 * Calls the visitor API the way the widget does: `Origin` of the shop, JSON, bearer token.
 *
 * @example
 * const res = await call(host.url, '/v1/messages', { method: 'POST', token, body: { echo_id: 'e1', text: 'hi' } });
 */
export function call(baseUrl: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.origin !== null) headers.Origin = options.origin ?? SHOP_ORIGIN;
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | FormData | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  return fetch(`${baseUrl}/plugins/channel-webchat${path}`, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body !== undefined ? { body } : {}) });
}

/**
 * Reads a JSON answer after checking its status (showing the body when it differs).
 *
 * @example
 * const session = await json<Session>(await call(...), 201);
 */
export async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/**
 * Reads a problem+json answer and checks its status and code.
 *
 * @example
 * await problemOf(res, 401, 'SWB_ERR_WEBCHAT_TOKEN_INVALID');
 */
export async function problemOf(res: Response, status: number, code: string): Promise<Problem> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('Content-Type')).toBe('application/problem+json');
  const problem = JSON.parse(text) as Problem;
  expect(problem.code).toBe(code);
  return problem;
}

/** What POST /v1/sessions answers (the parts tests read). */
export type Session = {
  session_token: string;
  visitor_id: string;
  resumed: boolean;
  returning: boolean;
  verified: boolean;
  user: { external_id: string | null; name: string | null; email: string | null; email_verified: boolean } | null;
  conversation: { id: string; status: string } | null;
  last_seq: number;
  read_up_to_seq: number;
  agent_read_up_to_seq: number;
  unread: number;
  pre_chat: { mode: string; completed: boolean };
  csat: { pending: { conversation_id: string } | null };
  widget: Record<string, unknown> & { proactive: unknown[]; locale: string };
  availability: { online: boolean; next_open_at: string | null; expected_reply_minutes: number | null };
};

/** A message as the widget gets it (the parts tests read). */
export type WireMessage = {
  seq: number;
  id: string;
  conversation_id: string;
  author: string;
  sender: { kind: string; name: string | null };
  text: string;
  echo_id: string | null;
  attachments: Array<{ id: string; name: string; content_type: string; size: number; url: string }>;
  quick_replies?: Array<{ title: string; payload: string }>;
  postback: { payload: string; title?: string } | null;
  status: string;
};

/**
 * Starts a session for a widget and returns its answer.
 *
 * @example
 * const session = await startSession(host.url, 'wk_main_test01');
 */
export async function startSession(baseUrl: string, siteKey: string, extra: { token?: string; user?: Record<string, unknown>; expect?: number } = {}): Promise<Session> {
  const res = await call(baseUrl, '/v1/sessions', { method: 'POST', token: extra.token ?? null, body: { site_key: siteKey, page_url: `${SHOP_ORIGIN}/cart`, ...(extra.user ? { user: extra.user } : {}) } });
  return json<Session>(res, extra.expect ?? (extra.token ? 200 : 201));
}

/**
 * Sends a visitor message and returns the stored message.
 *
 * @example
 * const message = await sendText(host.url, token, 'Where is my order?');
 */
export async function sendText(baseUrl: string, token: string, text: string, echoId = `e-${Math.random().toString(36).slice(2)}`): Promise<WireMessage> {
  const res = await call(baseUrl, '/v1/messages', { method: 'POST', token, body: { echo_id: echoId, text } });
  return (await json<{ message: WireMessage }>(res, 201)).message;
}

/** One Server-Sent Event as received. */
export type SseEvent = { event: string; id: string | undefined; data: unknown };

/** An open event stream of a visitor. */
export type TestStream = {
  status: number;
  events: SseEvent[];
  /** Waits for an event matching the predicate (seen before or arriving later). */
  next(predicate: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
  closed: Promise<void>;
};

/**
 * Opens `GET /v1/stream` with fetch and parses the Server-Sent Events as they come.
 *
 * @example
 * const stream = await openStream(host.url, token, { lastEventId: '12' });
 * await stream.next((e) => e.event === 'ready');
 */
export async function openStream(baseUrl: string, token: string, options: { lastEventId?: string; after?: number; queryToken?: boolean } = {}): Promise<TestStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { Origin: SHOP_ORIGIN, Accept: 'text/event-stream' };
  if (!options.queryToken) headers.Authorization = `Bearer ${token}`;
  if (options.lastEventId !== undefined) headers['Last-Event-ID'] = options.lastEventId;
  const query = new URLSearchParams();
  if (options.after !== undefined) query.set('after', String(options.after));
  if (options.queryToken) query.set('access_token', token);
  const res = await fetch(`${baseUrl}/plugins/channel-webchat/v1/stream${query.size ? `?${query}` : ''}`, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let closedResolve: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (closedResolve = resolve));
  if (res.ok && res.body) {
    void (async () => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const fields = { event: 'message', id: undefined as string | undefined, data: [] as string[] };
            for (const line of block.split('\n')) {
              const colon = line.indexOf(':');
              const name = colon < 0 ? line : line.slice(0, colon);
              const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (name === 'event') fields.event = value;
              else if (name === 'id') fields.id = value;
              else if (name === 'data') fields.data.push(value);
            }
            if (fields.data.length === 0) continue;
            events.push({ event: fields.event, id: fields.id, data: JSON.parse(fields.data.join('\n')) });
            for (const wake of waiters) wake();
          }
        }
      } catch {
        // Aborted by close(): the stream simply ends.
      } finally {
        closedResolve();
      }
    })();
  } else closedResolve();
  return {
    status: res.status,
    events,
    next(predicate, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(predicate);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching stream event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ') || 'nothing'}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
    closed,
  };
}
