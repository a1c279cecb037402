import type { CoreEventData } from '@switchboard/events';
import type { ApiError } from '../api/api-error';
import type { ConversationDetail } from '../api/api-types';
import type { SwitchboardApi } from '../api/switchboard-api';
import { asConversationEvent, type ConversationEvent } from '../realtime/core-event';
import type { RealtimeClient } from '../realtime/realtime-client';
import type { AssigneeIndex } from './assignee-index';
import { initialListState, listReducer, needsFetch, type ListAction, type ListFilter, type ListItem, type ListState } from './conversation-list-reducer';
import { filterToQuery } from './list-filter';
import type { ReadTracker } from './read-tracker';

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
  /** Read marks: a row's unread badge clears when its conversation is read. */
  reads?: ReadTracker;
  /** Told about every row loaded, so notifications know what is mine without asking. */
  assignees?: AssigneeIndex;
};

type ContactMerged = CoreEventData<'core.contact.merged.v1'>;

/**
 * A live conversation list: keyset pages from `GET /conversations` (each row with its contact,
 * channels and unread count), realtime events applied by the reducer, and the single
 * conversations an event may bring in fetched one by one (never the whole list again).
 * Subscribe with `useSyncExternalStore`.
 *
 * @example
 * const store = createListStore({ api, realtime, onReset, filter: { view: 'mine', status: 'open', sort: 'activity' }, meId });
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
  // A page or row fetched while the read mark of the open conversation was on its way may still
  // count its messages as unread: the agent is reading them.
  function keepOpenRead(state: ListState): ListState {
    const openId = options.reads?.openId();
    return openId && options.reads?.isReading(openId) ? listReducer(state, { type: 'read', conversationId: openId }) : state;
  }

  async function loadPage(replace: boolean): Promise<void> {
    if (snapshot.loading && !replace) return;
    if (!replace && snapshot.complete) return;
    const gen = generation;
    set({ ...snapshot, loading: true, error: null });
    try {
      const page = await api.listConversations({ ...filterToQuery(filter), limit: pageSize, cursor: replace ? undefined : (snapshot.nextCursor ?? undefined) }, controller.signal);
      if (gen !== generation) return;
      options.assignees?.learn(page.items);
      const state = keepOpenRead(listReducer(snapshot, { type: 'page-loaded', page, replace }));
      set({ ...snapshot, ...state, loading: false });
    } catch (err) {
      if (gen !== generation || controller.signal.aborted) return;
      set({ ...snapshot, loading: false, error: (err as ApiError).message });
    }
  }

  async function fetchOne(id: string, contactIdHint: string | null): Promise<void> {
    if (inFlight.has(id)) return;
    inFlight.add(id);
    const gen = generation;
    try {
      const item = await fetchListItem(api, id, contactIdHint, controller.signal);
      if (gen !== generation) return;
      options.assignees?.learn([item]);
      const state = keepOpenRead(listReducer(snapshot, { type: 'upsert', conversation: item }));
      if (state !== snapshot) set({ ...snapshot, ...state });
    } catch {
      // The next event or reload corrects the row; a failed fetch must not break the list.
    } finally {
      inFlight.delete(id);
    }
  }

  async function onMerged(data: ContactMerged): Promise<void> {
    const moved = new Set(data.movedConversationIds);
    const affected = snapshot.items.some((c) => c.contact.id === data.mergedId || moved.has(c.id));
    if (!affected) return;
    const gen = generation;
    let name = snapshot.items.find((c) => c.contact.id === data.survivorId)?.contact.name;
    if (name === undefined) {
      try {
        name = (await api.getContact(data.survivorId, controller.signal)).name;
      } catch {
        name = null;
      }
    }
    if (gen !== generation) return;
    dispatch({ type: 'contact-merged', survivorId: data.survivorId, mergedId: data.mergedId, movedConversationIds: data.movedConversationIds, survivorName: name });
  }

  // Whether the assignee index already tells that a conversation belongs to someone this view
  // does not show (a customer message elsewhere need not be fetched to find that out).
  function knownElsewhere(id: string): boolean {
    if (snapshot.items.some((c) => c.id === id)) return false;
    const assignee = options.assignees?.peek(id);
    if (assignee === undefined) return false;
    if (filter.view === 'mine') return assignee !== meId;
    if (filter.view === 'unassigned') return assignee !== null;
    return filter.assigneeId !== undefined && assignee !== filter.assigneeId;
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
          if (cloudEvent.type === 'core.contact.merged.v1') {
            void onMerged(cloudEvent.data as ContactMerged);
            return;
          }
          const event = asConversationEvent(cloudEvent);
          if (!event) return;
          // The index may not have heard of this event yet (listeners run in any order); applying it twice changes nothing.
          options.assignees?.apply(event);
          const fetch = needsFetch(snapshot, event) && !knownElsewhere(event.data.conversationId);
          const reading = event.type === 'core.message.received.v1' && (options.reads?.isReading(event.data.conversationId) ?? false);
          dispatch({ type: 'event', event, reading });
          if (fetch) void fetchOne(event.data.conversationId, contactHint(snapshot.items, event));
        }),
        options.onReset(reload),
      );
      if (options.reads) cleanups.push(options.reads.onRead((conversationId) => dispatch({ type: 'read', conversationId })));
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

function contactHint(items: readonly ListItem[], event: ConversationEvent): string | null {
  const row = items.find((c) => c.id === event.data.conversationId);
  if (row) return row.contactId;
  if (event.type === 'core.conversation.opened.v1') return event.data.contactId;
  if (event.type === 'core.message.received.v1' && event.data.message.sender.kind === 'contact') return event.data.message.sender.id;
  return null;
}

/**
 * One conversation as the list shows it (contact name, channels, my unread count). The list
 * endpoint has no id filter, so it is asked for the conversations of the conversation's contact
 * (known from the row or the event, else from `GET /conversations/:id`).
 *
 * @example
 * const row = await fetchListItem(api, id, event.data.contactId);
 */
export async function fetchListItem(api: SwitchboardApi, id: string, contactIdHint: string | null, signal?: AbortSignal): Promise<ListItem> {
  let detail: ConversationDetail | null = null;
  let contactId = contactIdHint;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!contactId) {
      detail = await api.getConversation(id, signal);
      contactId = detail.contactId;
    }
    const page = await api.listConversations({ contactId, limit: 200 }, signal);
    const found = page.items.find((c) => c.id === id);
    if (found) return found;
    // The hint was stale (the contact was merged): ask the conversation itself.
    if (detail) break;
    contactId = null;
  }
  detail ??= await api.getConversation(id, signal);
  const { legs, contact, ...conversation } = detail;
  return { ...conversation, contact: { id: contact.id, name: contact.name }, channels: [...new Set(legs.map((l) => l.channel))], unreadCount: 0 };
}
