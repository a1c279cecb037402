import type { Actor } from '@switchboard/events';
import type { Principal } from '../auth/principal';
import type { EventContext } from '../store/event-journal';

/**
 * The actor recorded in events for an API caller.
 *
 * @example
 * actorOf({ kind: 'agent', id: 'a1', ... }); // { kind: 'agent', id: 'a1' }
 */
export function actorOf(principal: Principal): Actor {
  return { kind: principal.kind === 'agent' ? 'agent' : 'token', id: principal.id };
}

/**
 * The event context of a request: its `X-Correlation-Id` header, when the client sent one, becomes
 * the correlation id of the events it causes.
 *
 * @example
 * await queue.write((tx) => assignConversation(tx, input, eventContextOf(c)));
 */
export function eventContextOf(c: { req: { header(name: string): string | undefined } }): EventContext {
  return { correlationId: c.req.header('x-correlation-id') ?? undefined };
}
