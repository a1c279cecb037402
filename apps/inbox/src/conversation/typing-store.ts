import { useEffect, useReducer, useSyncExternalStore } from 'react';
import { asConversationEvent } from '../realtime/core-event';
import type { RealtimeClient } from '../realtime/realtime-client';
import { activeTypers, applyTypingFrame, clearTyper, nextExpiry, type Typer, type TypingState } from './typing-state';

/**
 * Who is typing in which conversation, from the realtime typing frames; a message from someone
 * ends their typing at once (no lingering "typing…" under the message they just sent).
 *
 * @example
 * const typing = createTypingStore(realtime); typing.start();
 */
export function createTypingStore(realtime: RealtimeClient, now: () => number = Date.now) {
  let state: TypingState = new Map();
  const listeners = new Set<() => void>();
  const cleanups: Array<() => void> = [];

  function set(next: TypingState): void {
    if (next === state) return;
    state = next;
    for (const l of listeners) l();
  }

  return {
    start(): void {
      if (cleanups.length) return;
      cleanups.push(
        realtime.onTyping((frame) => set(applyTypingFrame(state, frame, now()))),
        realtime.subscribe((cloudEvent) => {
          const event = asConversationEvent(cloudEvent);
          if (!event || !state.has(event.data.conversationId)) return;
          const id = event.data.conversationId;
          if (event.type === 'core.message.received.v1' || event.type === 'core.message.sent.v1') {
            const sender = event.data.message.sender;
            set(clearTyper(state, id, { kind: sender.kind, id: sender.id }));
          } else if (event.type === 'core.note.added.v1') {
            set(clearTyper(state, id, { kind: event.data.note.sender.kind, id: event.data.note.sender.id }));
          }
        }),
      );
    },
    stop(): void {
      for (const c of cleanups.splice(0)) c();
      set(new Map());
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: (): TypingState => state,
  };
}

/** The typing store. */
export type TypingStore = ReturnType<typeof createTypingStore>;

/**
 * Who is typing in a conversation now; re-renders when someone's signal expires.
 *
 * @example
 * const typers = useTypers(store, conversationId);
 */
export function useTypers(store: TypingStore, conversationId: string): Typer[] {
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  const [tick, rerender] = useReducer((n: number) => n + 1, 0);
  const now = Date.now();
  const expiry = nextExpiry(state, conversationId, now);
  useEffect(() => {
    if (expiry === null) return;
    const t = setTimeout(rerender, Math.max(0, expiry - Date.now()) + 20);
    return () => clearTimeout(t);
  }, [expiry, tick]);
  return activeTypers(state, conversationId, now);
}
