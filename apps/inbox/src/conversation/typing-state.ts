import type { TypingFrame } from '../realtime/realtime-frames';

/** Someone typing in a conversation, until `expiresAt` unless they refresh it. */
export type Typer = { kind: string; id: string; name: string | null; expiresAt: number };

/** Who is typing where: conversation id → typers. */
export type TypingState = ReadonlyMap<string, readonly Typer[]>;

/** A typing signal holds this long without a refresh (senders refresh every ~3 s). */
export const TYPING_TTL_MS = 6000;

/**
 * The state after a typing frame: `typing: true` starts or refreshes the typer's expiry,
 * `false` removes them at once.
 *
 * @example
 * state = applyTypingFrame(state, frame, Date.now());
 */
export function applyTypingFrame(state: TypingState, frame: Pick<TypingFrame, 'conversationId' | 'actor' | 'typing'>, now: number, ttlMs = TYPING_TTL_MS): TypingState {
  const { conversationId, actor } = frame;
  const current = (state.get(conversationId) ?? []).filter((t) => t.expiresAt > now && !(t.kind === actor.kind && t.id === actor.id));
  const next = frame.typing ? [...current, { kind: actor.kind, id: actor.id, name: actor.name, expiresAt: now + ttlMs }] : current;
  const out = new Map(state);
  if (next.length) out.set(conversationId, next);
  else out.delete(conversationId);
  return out;
}

/**
 * The state once someone's message arrived: they are done typing it.
 *
 * @example
 * state = clearTyper(state, conversationId, { kind: 'contact', id: contactId });
 */
export function clearTyper(state: TypingState, conversationId: string, who: { kind: string; id: string | null }): TypingState {
  const current = state.get(conversationId);
  if (!current?.some((t) => t.kind === who.kind && t.id === who.id)) return state;
  return applyTypingFrame(state, { conversationId, actor: { kind: who.kind, id: who.id ?? '', name: null }, typing: false }, 0);
}

/**
 * Who is typing in a conversation now (expired signals left out).
 *
 * @example
 * activeTypers(state, id, Date.now()); // [{ kind: 'agent', name: 'Sam', … }]
 */
export function activeTypers(state: TypingState, conversationId: string, now: number): Typer[] {
  return (state.get(conversationId) ?? []).filter((t) => t.expiresAt > now);
}

/**
 * When the next typer of a conversation expires, to re-render then (null when nobody types).
 *
 * @example
 * const at = nextExpiry(state, id, Date.now()); if (at) setTimeout(rerender, at - Date.now());
 */
export function nextExpiry(state: TypingState, conversationId: string, now: number): number | null {
  const times = activeTypers(state, conversationId, now).map((t) => t.expiresAt);
  return times.length ? Math.min(...times) : null;
}

/**
 * The line under the timeline: "Sam is typing…", "Dana and Sam are typing…", "3 people are typing…".
 * A customer without a name is called by the conversation's contact name.
 *
 * @example
 * typingLabel([{ kind: 'contact', name: null, … }], 'Dana Reyes'); // 'Dana Reyes is typing…'
 */
export function typingLabel(typers: readonly Typer[], contactName: string | null): string | null {
  if (typers.length === 0) return null;
  const names = typers.map((t) => t.name ?? (t.kind === 'contact' ? (contactName ?? 'The customer') : 'Someone'));
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}
