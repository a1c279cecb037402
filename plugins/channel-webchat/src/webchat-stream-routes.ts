import { Hono } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { errorToProblem } from './webchat-errors';
import type { StreamEvent } from './webchat-fanout';
import { requireVisitor, type WebchatEnv } from './webchat-guard';
import { validate } from './webchat-http';
import { markDelivered } from './webchat-message-routes';
import type { WebchatRuntime } from './webchat-runtime';
import { HistoryQuerySchema } from './webchat-schemas';
import { conversationView, csatView } from './webchat-session-routes';
import type { StreamClient } from './webchat-stream-hub';
import { toWireMessage } from './webchat-wire';

/** How often an idle stream says `ping` (with the last seq), keeping proxies from closing it. */
export const PING_INTERVAL_MS = 20_000;
/** The reconnect delay EventSource is told to use. */
const RETRY_MS = 3000;
const REPLAY_PAGE = 100;

/**
 * `GET /v1/stream`: the visitor's Server-Sent Events (PROTOCOL.md §4). It registers with the
 * process's stream hub first, then replays what the visitor missed since `Last-Event-ID` /
 * `?after=` from the database, then sends `ready`, then live events as they arrive over NATS —
 * events that came in during the replay are held back and de-duplicated by seq, so nothing is
 * lost or doubled between the two.
 *
 * @example
 * ctx.http.route('/', createStreamRoutes(runtime));
 */
export function createStreamRoutes(runtime: WebchatRuntime): Hono<WebchatEnv> {
  const { visitors, widgets, limiter, messages, hub, logger } = runtime;
  const routes = new Hono<WebchatEnv>();
  routes.onError((err, c) => errorToProblem(err, c, logger));

  routes.get('/v1/stream', requireVisitor({ visitors, widgets, limiter, allowQueryToken: true }), (c) => {
    const visitor = c.get('visitor');
    const widget = c.get('widget');
    const lastEventId = c.req.header('Last-Event-ID');
    const query = validate(HistoryQuerySchema, { ...(c.req.query('after') !== undefined ? { after: c.req.query('after') } : {}), ...(lastEventId ? { after: lastEventId } : {}) }, 'query');
    c.header('X-Accel-Buffering', 'no');

    return streamSSE(c, async (stream) => {
      const stopped = new AbortController();
      const pending: StreamEvent[] = [];
      let live = false;
      let replayedUpTo = query.after ?? 0;
      let chain: Promise<void> = Promise.resolve();
      const write = (event: StreamEvent): void => {
        if (event.event === 'message' && event.id !== undefined && event.id <= replayedUpTo) return;
        if (event.event === 'csat.requested' && !widget.csat.enabled) return;
        chain = chain.then(() => writeEvent(stream, event));
      };
      const client: StreamClient = {
        visitorId: visitor.id,
        conversationId: visitor.conversationId,
        send: (event) => (live ? write(event) : void pending.push(event)),
        close: () => stopped.abort(),
      };
      const remove = hub.add(client);
      stream.onAbort(() => stopped.abort());
      try {
        await stream.write(`retry: ${RETRY_MS}\n\n`);
        if (query.after !== undefined) {
          for (;;) {
            const page = await messages.page(visitor.id, { after: replayedUpTo, limit: REPLAY_PAGE });
            for (const message of page.messages) await writeEvent(stream, { event: 'message', id: message.seq, data: await toWireMessage(message, runtime.attachments, visitor.agentReadSeq) });
            if (page.messages.length > 0) replayedUpTo = page.messages.at(-1)!.seq;
            await markDelivered(runtime, page.messages);
            if (!page.hasMore) break;
          }
        }
        const current = (await visitors.get(visitor.id)) ?? visitor;
        const lastSeq = await messages.lastSeq(visitor.id);
        if (query.after === undefined) replayedUpTo = lastSeq;
        await writeEvent(stream, {
          event: 'ready',
          data: { visitor_id: visitor.id, last_seq: lastSeq, conversation: conversationView(current), agent_read_up_to_seq: current.agentReadSeq, csat: csatView(current, widget) },
        });
        live = true;
        for (const event of pending.splice(0)) write(event);
        while (!stopped.signal.aborted) {
          await sleep(PING_INTERVAL_MS, stopped.signal);
          if (stopped.signal.aborted) break;
          chain = chain.then(async () => writeEvent(stream, { event: 'ping', data: { last_seq: await messages.lastSeq(visitor.id) } }));
          await chain;
        }
        await chain;
      } finally {
        remove();
      }
    }, async (err) => {
      logger.warn({ err, visitorId: visitor.id }, 'visitor stream failed');
    });
  });

  return routes;
}

async function writeEvent(stream: SSEStreamingApi, event: { event: string; id?: number | undefined; data: unknown }): Promise<void> {
  await stream.writeSSE({ event: event.event, data: JSON.stringify(event.data), ...(event.id !== undefined ? { id: String(event.id) } : {}) });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
