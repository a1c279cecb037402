import type { ApiError } from '../api/api-error';
import type { ConversationDetail, Message } from '../api/api-types';
import type { SwitchboardApi } from '../api/switchboard-api';
import { applyConversationEvent } from '../inbox/conversation-list-reducer';
import { asConversationEvent, type ConversationEvent } from '../realtime/core-event';
import type { RealtimeClient } from '../realtime/realtime-client';
import { legAfterInbound } from './reply-window';
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
    let refresh = false;
    for (const event of events) {
      timeline = applyTimelineEvent(timeline, event);
      if (detail) {
        const applied = applyToDetailWithLegs(detail, event);
        detail = applied.detail;
        refresh ||= applied.refresh;
      }
    }
    if (timeline !== snapshot.timeline || detail !== snapshot.detail) set({ timeline, detail });
    if (refresh) refreshDetail();
  }

  // Legs (reply windows) and the contact change without a conversation event now and then:
  // a new leg's window, a contact merge. Ask again, keeping everything the events brought.
  let refreshing = false;
  function refreshDetail(): void {
    if (refreshing || !loaded) return;
    refreshing = true;
    const signal = controller.signal;
    api
      .getConversation(conversationId, signal)
      .then((fresh) => {
        const current = snapshot.detail;
        if (signal.aborted || !current) return;
        const base = fresh.seq >= current.seq ? fresh : { ...current, legs: fresh.legs, contact: fresh.contact, contactId: fresh.contactId };
        set({ detail: base });
      })
      .catch(() => {
        // The next event or a reload brings it.
      })
      .finally(() => {
        refreshing = false;
      });
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
          if (cloudEvent.type === 'core.contact.merged.v1') {
            const d = cloudEvent.data as { survivorId: string; mergedId: string; movedConversationIds: string[] };
            const contactId = snapshot.detail?.contactId;
            if (d.movedConversationIds.includes(conversationId) || contactId === d.survivorId || contactId === d.mergedId) refreshDetail();
            return;
          }
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
    /** Fetches the detail again (legs, contact) without touching the timeline. */
    refreshDetail,
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
  return applyToDetailWithLegs(detail, event).detail;
}

/**
 * {@link applyToDetail}, saying too whether the server must be asked for the legs again (a new
 * leg, or a first customer message on a leg whose reply window length is not known yet).
 *
 * @example
 * const { detail, refresh } = applyToDetailWithLegs(detail, event);
 */
export function applyToDetailWithLegs(detail: ConversationDetail, event: ConversationEvent): { detail: ConversationDetail; refresh: boolean } {
  if (event.data.seq <= detail.seq) return { detail, refresh: false };
  let next = applyConversationEvent(detail, event);
  let refresh = false;
  if (event.type === 'core.conversation.leg_added.v1' && !next.legs.some((l) => l.id === event.data.leg.id)) {
    next = { ...next, legs: [...next.legs, { ...event.data.leg, lastInboundAt: null, replyWindowClosesAt: null }] };
    refresh = true;
  } else if (event.type === 'core.message.received.v1' && event.data.message.legId) {
    const m = event.data.message;
    next = {
      ...next,
      legs: next.legs.map((leg) => {
        if (leg.id !== m.legId) return leg;
        const moved = legAfterInbound(leg, m.createdAt);
        refresh ||= moved.refresh;
        return moved.leg;
      }),
    };
  }
  return { detail: next, refresh };
}
