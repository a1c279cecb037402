import * as v from 'valibot';
import { StreamEventSchemas } from '../shared/webchat-protocol';

type Events = typeof StreamEventSchemas;

/** Handlers per stream event, each given its parsed data. */
export type StreamHandlers = { [K in keyof Events]: (data: v.InferOutput<Events[K]>) => void } & {
  /** The connection dropped; the caller decides when to come back (with `after`). */
  onDrop(): void;
};

/**
 * Opens the visitor's live stream (PROTOCOL.md §4) with Server-Sent Events. The stream resumes
 * after `afterSeq`, so the server first replays what was missed. It does not reconnect by
 * itself: on a drop it closes and tells `onDrop`, so the caller reconnects on its own schedule
 * (never while the browser is offline) with the newest seq it has. Returns `close`.
 *
 * @example
 * const close = openStream(`${origin}${session.stream_url}`, token, lastSeq, handlers);
 */
export function openStream(url: string, token: string, afterSeq: number, handlers: StreamHandlers): () => void {
  const target = new URL(url, location.href);
  target.searchParams.set('access_token', token);
  // Always a resume point, 0 included: it closes the gap between loading history and connecting.
  target.searchParams.set('after', String(afterSeq));
  const source = new EventSource(target);
  let closed = false;
  const close = () => {
    closed = true;
    source.close();
  };
  for (const name of Object.keys(StreamEventSchemas) as (keyof Events)[]) {
    source.addEventListener(name, (event) => {
      if (closed) return;
      let data: unknown;
      try {
        data = JSON.parse((event as MessageEvent<string>).data);
      } catch {
        return;
      }
      const parsed = v.safeParse(StreamEventSchemas[name], data);
      // An event this version cannot read is skipped; the next resync fetches the truth.
      if (parsed.success) (handlers[name] as (d: unknown) => void)(parsed.output);
    });
  }
  source.onerror = () => {
    if (closed) return;
    close();
    handlers.onDrop();
  };
  return close;
}
