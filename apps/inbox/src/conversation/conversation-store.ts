import type { ApiError } from '../api/api-error';
import type { ConversationDetail, Message } from '../api/api-types';
import type { SwitchboardApi } from '../api/switchboard-api';
import { applyConversationEvent } from '../inbox/conversation-list-reducer';
import { asConversationEvent, type ConversationEvent } from '../realtime/core-event';
import type { RealtimeClient } from '../realtime/realtime-client';
import { applyTimelineEvent, buildTimeline, emptyTimeline, hasGap, upsertMessage, type TimelineState } from './timeline-merge';

/** The open conversation: its detail (legs, contact) and its merged timeline. */
export type ConversationSnapshot = {
  detail: ConversationDetail | null;
  timeline: TimelineState;
  loading: boolean;
  error: ApiError | null;
};

/** Options of {@link createConversationStore}. */
export type ConversationStoreOptions = {
  api: SwitchboardApi;
  realtime: RealtimeClient;
  onReset(listener: () => void): () => void;
  conversationId: string;
};

/**
 * One open conversation kept live: loads the detail, every message and every event, merges them
 * by sequence number, then applies realtime events in order. A jump in the sequence fetches the
 * missing events first (`GET …/events?afterSeq=`), so the timeline has no gap and no duplicate
 * whatever the connection did.
 *
 * @example
 * const store = createConversationStore({ api, realtime, onReset, conversationId });
 * store.start();
 */
export function createConversationStore(options: ConversationStoreOptions) {
  const { api, realtime, conversationId } = options;
  let snapshot: ConversationSnapshot = { detail: null, timeline: emptyTimeline(conversationId), loading: true, error: null };
  const listeners = new Set<() => void>();
  const cleanups: Array<() => void> = [];
  let controller = new AbortController();
  let loaded = false;
  let pending: ConversationEvent[] = [];
  // Events are applied strictly one after another, refills included.
  let chain: Promise<void> = Promise.resolve();

  function set(patch: Partial<ConversationSnapshot>): void {
    snapshot = { ...snapshot, ...patch };
    for (const l of listeners) l();
  }

  function applyAll(events: readonly ConversationEvent[]): void {
    let timeline = snapshot.timeline;
    let detail = snapshot.detail;
    for (const event of events) {
      timeline = applyTimelineEvent(timeline, event);
      if (detail) detail = applyToDetail(detail, event);
    }
    if (timeline !== snapshot.timeline || detail !== snapshot.detail) set({ timeline, detail });
  }

  async function onEvent(event: ConversationEvent): Promise<void> {
    if (!loaded) {
      pending.push(event);
      return;
    }
    if (hasGap(snapshot.timeline, event)) {
      try {
        const missed = await api.listEvents(conversationId, snapshot.timeline.lastSeq, controller.signal);
        applyAll(missed.map(asConversationEvent).filter((e): e is ConversationEvent => e !== null));
      } catch {
        // Apply what arrived; the next event retries the refill.
      }
    }
    applyAll([event]);
  }

  async function load(): Promise<void> {
    loaded = false;
    pending = [];
    set({ loading: true, error: null });
    const signal = controller.signal;
    try {
      const [detail, events, messages] = await Promise.all([
        api.getConversation(conversationId, signal),
        api.listEvents(conversationId, 0, signal),
        api.listAllMessages(conversationId, signal),
      ]);
      if (signal.aborted) return;
      const timeline = buildTimeline(conversationId, messages, events);
      // The three answers may be from slightly different moments: bring the detail up to the events.
      let current = detail;
      for (const e of events) {
        const event = asConversationEvent(e);
        if (event) current = applyToDetail(current, event);
      }
      snapshot = { ...snapshot, detail: current, timeline, loading: false };
      loaded = true;
      const buffered = pending;
      pending = [];
      applyAll(buffered);
      set({});
    } catch (err) {
      if (signal.aborted) return;
      set({ loading: false, error: err as ApiError });
    }
  }

  return {
    start(): void {
      controller = new AbortController();
      cleanups.push(
        realtime.subscribe((cloudEvent) => {
          const event = asConversationEvent(cloudEvent);
          if (event?.data.conversationId !== conversationId) return;
          chain = chain.then(() => onEvent(event));
        }),
        options.onReset(() => {
          chain = chain.then(load);
        }),
      );
      chain = chain.then(load);
    },
    stop(): void {
      controller.abort();
      for (const c of cleanups.splice(0)) c();
    },
    reload(): void {
      chain = chain.then(load);
    },
    /** After an action answered with `seq`: fetch what the stream has not brought yet. */
    catchUp(seq: number): void {
      chain = chain.then(async () => {
        if (!loaded || snapshot.timeline.lastSeq >= seq) return;
        try {
          const missed = await api.listEvents(conversationId, snapshot.timeline.lastSeq, controller.signal);
          applyAll(missed.map(asConversationEvent).filter((e): e is ConversationEvent => e !== null));
        } catch {
          // the stream will bring it
        }
      });
    },
    /** Shows a message the API just returned (a send), before its event arrives. */
    addMessage(message: Message): void {
      const timeline = upsertMessage(snapshot.timeline, message);
      if (timeline !== snapshot.timeline) set({ timeline });
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: (): ConversationSnapshot => snapshot,
  };
}

/** An open conversation's store. */
export type ConversationStore = ReturnType<typeof createConversationStore>;

/**
 * The detail after an event it does not reflect yet (by seq); the same object otherwise.
 *
 * @example
 * detail = applyToDetail(detail, event);
 */
export function applyToDetail(detail: ConversationDetail, event: ConversationEvent): ConversationDetail {
  if (event.data.seq <= detail.seq) return detail;
  let next = applyConversationEvent(detail, event);
  if (event.type === 'core.conversation.leg_added.v1' && !next.legs.some((l) => l.id === event.data.leg.id)) {
    next = { ...next, legs: [...next.legs, event.data.leg] };
  }
  return next;
}
