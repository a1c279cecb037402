import type { CloudEvent } from '@switchboard/events';

/** What the server sends on `/api/v1/realtime` (see the core's realtime hub). */
export type ServerFrame =
  | { type: 'event'; seq: number; event: CloudEvent }
  | { type: 'ready'; head: number }
  | { type: 'reset'; reason?: string; firstSeq?: number }
  | { type: 'error'; code: string; detail: string }
  | TypingFrame;

/**
 * Someone else started or stopped typing in a conversation: ephemeral, no stream sequence, never
 * replayed. `actor.kind` is `agent` for a colleague, `contact` for the customer (from a channel).
 */
export type TypingFrame = { type: 'typing'; conversationId: string; actor: { kind: string; id: string; name: string | null }; typing: boolean };

/** The first and only message a client sends. `after` omitted means "from now on". */
export type HelloFrame = { type: 'hello'; token: string; after?: number };

/** Close code the server uses for an unknown or expired token. */
export const CLOSE_UNAUTHENTICATED = 4401;

/**
 * Parses one frame, or null when it is not a frame this client understands (ignored, not fatal:
 * a newer server may add frame types).
 *
 * @example
 * parseServerFrame('{"type":"ready","head":12}'); // { type: 'ready', head: 12 }
 */
export function parseServerFrame(raw: unknown): ServerFrame | null {
  if (typeof raw !== 'string') return null;
  let frame: unknown;
  try {
    frame = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!frame || typeof frame !== 'object') return null;
  const f = frame as Record<string, unknown>;
  switch (f.type) {
    case 'event':
      return typeof f.seq === 'number' && isCloudEvent(f.event) ? { type: 'event', seq: f.seq, event: f.event } : null;
    case 'ready':
      return typeof f.head === 'number' ? { type: 'ready', head: f.head } : null;
    case 'reset':
      return { type: 'reset', ...(typeof f.reason === 'string' ? { reason: f.reason } : {}), ...(typeof f.firstSeq === 'number' ? { firstSeq: f.firstSeq } : {}) };
    case 'error':
      return { type: 'error', code: String(f.code ?? ''), detail: String(f.detail ?? '') };
    case 'typing': {
      const actor = f.actor as Record<string, unknown> | null | undefined;
      if (typeof f.conversationId !== 'string' || typeof f.typing !== 'boolean' || !actor || typeof actor.kind !== 'string' || typeof actor.id !== 'string') return null;
      return { type: 'typing', conversationId: f.conversationId, actor: { kind: actor.kind, id: actor.id, name: typeof actor.name === 'string' ? actor.name : null }, typing: f.typing };
    }
    default:
      return null;
  }
}

function isCloudEvent(value: unknown): value is CloudEvent {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return typeof e.id === 'string' && typeof e.type === 'string' && typeof e.time === 'string';
}
