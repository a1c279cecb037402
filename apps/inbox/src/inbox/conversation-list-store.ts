import type { ApiError } from '../api/api-error';
import type { SwitchboardApi } from '../api/switchboard-api';
import { asConversationEvent } from '../realtime/core-event';
import type { RealtimeClient } from '../realtime/realtime-client';
import { initialListState, listReducer, needsFetch, type ListAction, type ListFilter, type ListState } from './conversation-list-reducer';

/** A list's state plus its loading flags. */
export type ListSnapshot = ListState & { loading: boolean; error: string | null };

/** Options of {@link createListStore}. */
export type ListStoreOptions = {
  api: SwitchboardApi;
  realtime: RealtimeClient;
  onReset(listener: () => void): () => void;
  filter: ListFilter;
  meId: string;
  pageSize?: number;
  /** Keep loading pages until this many rows are loaded (the Mine badge needs the whole set). */
  eagerUpTo?: number;
};

/**
 * A live conversation list: keyset pages from `GET /conversations`, realtime events applied by the
 * reducer, and the single conversations an event may bring in fetched one by one (never the whole
 * list again). Subscribe with `useSyncExternalStore`.
 *
 * @example
 * const store = createListStore({ api, realtime, onReset, filter: { view: 'mine' }, meId });
 * store.start(); store.loadMore();
 */
export function createListStore(options: ListStoreOptions) {
  const { api, realtime, filter, meId } = options;
  const pageSize = options.pageSize ?? 100;
  let snapshot: ListSnapshot = { ...initialListState(filter, meId), loading: false, error: null };
  const listeners = new Set<() => void>();
  const inFlight = new Set<string>();
  let generation = 0;
  let controller = new AbortController();
  const cleanups: Array<() => void> = [];

  function set(next: ListSnapshot): void {
    if (next === snapshot) return;
    snapshot = next;
    for (const l of listeners) l();
  }
  function dispatch(action: ListAction): void {
    const state = listReducer(snapshot, action);
    if (state !== snapshot) set({ ...snapshot, ...state });
  }

  async function loadPage(replace: boolean): Promise<void> {
    if (snapshot.loading && !replace) return;
    if (!replace && snapshot.complete) return;
    const gen = generation;
    set({ ...snapshot, loading: true, error: null });
    try {
      const page = await api.listConversations(
        { status: filter.status, assignee: filter.view === 'all' ? undefined : filter.view, limit: pageSize, cursor: replace ? undefined : (snapshot.nextCursor ?? undefined) },
        controller.signal,
      );
      if (gen !== generation) return;
      const state = listReducer(snapshot, { type: 'page-loaded', page, replace });
      set({ ...snapshot, ...state, loading: false });
      if (options.eagerUpTo && !state.complete && state.items.length < options.eagerUpTo) void loadPage(false);
    } catch (err) {
      if (gen !== generation || controller.signal.aborted) return;
      set({ ...snapshot, loading: false, error: (err as ApiError).message });
    }
  }

  async function fetchOne(id: string): Promise<void> {
    if (inFlight.has(id)) return;
    inFlight.add(id);
    const gen = generation;
    try {
      const detail = await api.getConversation(id, controller.signal);
      if (gen === generation) dispatch({ type: 'upsert', conversation: detail });
    } catch {
      // The next event or reload corrects the row; a failed fetch must not break the list.
    } finally {
      inFlight.delete(id);
    }
  }

  function reload(): void {
    generation++;
    controller.abort();
    controller = new AbortController();
    void loadPage(true);
  }

  return {
    start(): void {
      generation++;
      controller = new AbortController();
      cleanups.push(
        realtime.subscribe((cloudEvent) => {
          const event = asConversationEvent(cloudEvent);
          if (!event) return;
          const fetch = needsFetch(snapshot, event);
          dispatch({ type: 'event', event });
          if (fetch) void fetchOne(event.data.conversationId);
        }),
        options.onReset(reload),
      );
      void loadPage(true);
    },
    stop(): void {
      generation++;
      controller.abort();
      for (const c of cleanups.splice(0)) c();
    },
    loadMore: () => void loadPage(false),
    reload,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: (): ListSnapshot => snapshot,
  };
}

/** A live conversation list. */
export type ListStore = ReturnType<typeof createListStore>;
