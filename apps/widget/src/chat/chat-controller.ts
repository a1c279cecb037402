import * as v from 'valibot';
import { HistoryResponseSchema, SessionResponseSchema, type ServerMessage, type SessionResponse } from '../shared/webchat-protocol';
import type { WidgetAttributes, WidgetEventName, WidgetUser } from '../shared/widget-bridge';
import { ChatError, createChatClient, isRetryable, TOKEN_ERRORS } from './chat-client';
import { applyAgentRead, fromServer, lastSeq, mergeMessages, unreadCount } from './chat-messages';
import { createVisitorActions, createTypingSignal } from './chat-actions';
import { createOutbox } from './chat-outbox';
import type { ChatStorage } from './chat-storage';
import { INITIAL_STATE, type ChatStore } from './chat-store';
import { openStream } from './chat-stream';

/** What the controller tells the page (through the bridge). */
export type ControllerOutput = {
  state(unread: number, active: boolean): void;
  notify(author: string, text: string): void;
  emit(name: WidgetEventName, detail?: unknown): void;
};

const RECONNECT_MS = [500, 1000, 2000, 5000, 10_000, 30_000];
const AGENT_TYPING_TIMEOUT_MS = 8000;

/**
 * The chat's behaviour: starts or resumes the visitor's session, loads history, keeps the live
 * stream up (resuming after the last seq it has, never while offline), sends through the outbox,
 * marks messages seen while the chat is open and visible, and keeps other tabs of the same site in
 * step through the values they share in the site's storage (`stored`). The UI reads the store and
 * calls the returned actions.
 *
 * @example
 * const chat = createChatController({ base, siteKey, storage, store, out });
 * chat.init({ visitor, stored: {}, page, open: false, user: null, attributes: null });
 */
export function createChatController(deps: { base: string; siteKey: string; storage: ChatStorage; store: ChatStore; out: ControllerOutput }) {
  const { storage, store, out } = deps;
  let page = { url: '', title: '', referrer: '' };
  let user: WidgetUser | null = null;
  /** Attributes the page set that the server does not have yet. */
  let attributes: WidgetAttributes | null = null;
  let sendingAttributes = false;
  let session: SessionResponse | null = null;
  let closeStream = () => {};
  let reconnects = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let starting: Promise<void> | null = null;
  let queued: boolean | null = null;
  let agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  let lastReported = '';

  // The stored token wins: another tab may have stored a newer one for this visitor (identify).
  const client = createChatClient(deps.base, () => storage.token() ?? session?.session_token ?? null);
  const outbox = createOutbox({
    client,
    storage,
    store,
    canSend: () => session !== null && navigator.onLine,
    stored: (m) => received([m], false),
    renewSession: () => void restart(true),
    preChatRequired: () => store.set((s) => ({ preChat: { ...s.preChat, completed: false } })),
    changed: () => report(),
  });

  const unread = () => unreadCount(store.get().messages, store.get().readUpTo);
  const typing = createTypingSignal((state) => {
    if (!session || !navigator.onLine || !store.get().conversation) return;
    client.call('POST', 'v1/typing', { typing: state }, v.any()).catch(() => {
      // Typing is best effort; agents time it out by themselves.
    });
  });
  const actions = createVisitorActions({ client, store, storage, flush: () => void outbox.flush() });

  /** The page's refused attributes are its mistake to fix: tell it, and go on without them. */
  function refuseAttributes(err: ChatError): void {
    out.emit('error', { code: err.code, message: err.message });
  }

  /**
   * Hands the page's attributes to the server (PROTOCOL.md §3.10). They are the server's once it
   * answers; after a failure that may pass they wait for the next call, stream connect or session.
   */
  async function sendAttributes(): Promise<void> {
    if (!session || !attributes || sendingAttributes || !navigator.onLine) return;
    const sent = attributes;
    attributes = null;
    sendingAttributes = true;
    try {
      await client.call('POST', 'v1/attributes', { attributes: sent }, v.any());
    } catch (err) {
      if (err instanceof ChatError && err.status === 422) refuseAttributes(err);
      // Kept for later, under any the page set while this call ran.
      else attributes = { ...sent, ...(attributes ?? {}) };
    } finally {
      sendingAttributes = false;
    }
    if (attributes) void sendAttributes();
  }

  /** Tells the page the badge count and whether a conversation goes on (only when they change). */
  function report(): void {
    const s = store.get();
    const active = s.conversation !== null || s.messages.some((m) => m.author === 'visitor') || outbox.pending();
    const key = `${unread()}:${active}`;
    if (key !== lastReported) {
      lastReported = key;
      out.state(unread(), active);
    }
  }

  /** Marks everything seen while the visitor can see it: the chat open and the tab visible. */
  function markSeen(): void {
    const s = store.get();
    if (!session || !s.open || document.visibilityState !== 'visible' || unread() === 0 || !navigator.onLine) return;
    const upTo = lastSeq(s.messages);
    store.set({ readUpTo: upTo });
    storage.setValue('seen', upTo);
    report();
    client.call('POST', 'v1/seen', { up_to_seq: upTo }, v.any()).catch(() => {
      // The watermark only moves forward; the next seen call covers this one.
    });
  }

  /** Messages from history, the stream or an ack. `live` ones may ring the page. */
  function received(messages: ServerMessage[], live: boolean): void {
    if (messages.length === 0) return;
    const before = new Set(store.get().messages.map((m) => `${m.key}:${m.seq}`));
    const bubbles = messages.map(fromServer);
    const last = messages[messages.length - 1]!;
    store.set((s) => ({
      messages: mergeMessages(s.messages, bubbles),
      conversation: s.conversation?.id === last.conversation_id ? s.conversation : { id: last.conversation_id, status: 'open' },
      agentTyping: messages.some((m) => m.author === 'agent' || m.author === 'bot') ? null : s.agentTyping,
    }));
    for (const m of messages) {
      const fresh = !before.has(`${m.echo_id ?? m.id}:${m.seq}`);
      if (!fresh) continue;
      const incoming = m.author === 'agent' || m.author === 'bot';
      out.emit('message', { direction: incoming ? 'in' : 'out', author: m.author, text: m.text, id: m.id });
      if (incoming && live && (!store.get().open || document.visibilityState !== 'visible')) out.notify(m.sender.name ?? store.get().widget?.name ?? '', m.text);
    }
    markSeen();
    report();
  }

  async function loadAfter(seq: number): Promise<void> {
    for (let after = seq, more = true; more; ) {
      const page = await client.call('GET', `v1/messages?after=${after}&limit=100`, undefined, HistoryResponseSchema);
      received(page.messages, true);
      store.set((s) => ({ messages: applyAgentRead(s.messages, page.agent_read_up_to_seq), conversation: page.conversation ?? s.conversation }));
      more = page.has_more && page.messages.length > 0;
      after = lastSeq(store.get().messages);
    }
  }

  function connect(): void {
    closeStream();
    clearTimeout(reconnectTimer);
    if (!session || !navigator.onLine) return;
    const origin = new URL(deps.base).origin;
    closeStream = openStream(origin + session.stream_url, session.session_token, lastSeq(store.get().messages), {
      ready(data) {
        reconnects = 0;
        store.set((s) => ({ connected: true, conversation: data.conversation ?? s.conversation, messages: applyAgentRead(s.messages, data.agent_read_up_to_seq) }));
        if (data.csat.pending && !store.get().csat) store.set({ csat: { conversationId: data.csat.pending.conversation_id, state: 'open' } });
        if (data.last_seq > lastSeq(store.get().messages)) void loadAfter(lastSeq(store.get().messages)).catch(() => undefined);
        void outbox.flush();
        void sendAttributes();
      },
      message: (m) => received([m], true),
      typing(data) {
        clearTimeout(agentTypingTimer);
        store.set({ agentTyping: data.typing ? (data.actor.name ?? '') : null });
        if (data.typing) agentTypingTimer = setTimeout(() => store.set({ agentTyping: null }), AGENT_TYPING_TIMEOUT_MS);
      },
      read: (data) => store.set((s) => ({ messages: applyAgentRead(s.messages, data.agent_read_up_to_seq) })),
      'conversation.status'(data) {
        store.set({ conversation: { id: data.conversation_id, status: data.status } });
        if (data.status === 'resolved') out.emit('resolved', { conversationId: data.conversation_id });
        report();
      },
      'csat.requested': (data) => store.set({ csat: { conversationId: data.conversation_id, state: 'open' } }),
      ping(data) {
        if (data.last_seq > lastSeq(store.get().messages)) void loadAfter(lastSeq(store.get().messages)).catch(() => undefined);
      },
      onDrop() {
        store.set({ connected: false });
        // Offline, the `online` event reconnects; otherwise back off, then resume after our last seq.
        if (navigator.onLine) reconnectTimer = setTimeout(() => void restart(false), RECONNECT_MS[Math.min(reconnects++, RECONNECT_MS.length - 1)]);
      },
    });
  }

  function applySession(res: SessionResponse): void {
    const changedVisitor = session !== null && session.visitor_id !== res.visitor_id;
    session = res;
    storage.setToken(res.session_token);
    store.set((s) => ({
      phase: 'ready',
      widget: res.widget,
      availability: res.availability,
      conversation: res.conversation,
      readUpTo: changedVisitor ? res.read_up_to_seq : Math.max(s.readUpTo, res.read_up_to_seq),
      preChat: res.pre_chat,
      verified: res.verified,
      email: res.user?.email ?? null,
      csat: res.csat.pending ? { conversationId: res.csat.pending.conversation_id, state: 'open' } : s.csat?.state === 'done' ? s.csat : null,
      messages: changedVisitor ? outbox.bubbles() : s.messages,
      hasMore: changedVisitor ? false : s.hasMore,
    }));
  }

  /** Creates or resumes the session (with the page's user, if any), then history and stream. */
  async function startSession(withUser: boolean): Promise<void> {
    const sent = attributes;
    const body = { site_key: deps.siteKey, locale: navigator.language, page_url: page.url, referrer: page.referrer, ...(withUser && user ? { user } : {}), ...(sent ? { attributes: sent } : {}) };
    let res: SessionResponse;
    try {
      res = await client.call('POST', 'v1/sessions', body, SessionResponseSchema);
    } catch (err) {
      if (err instanceof ChatError && TOKEN_ERRORS.has(err.code) && storage.token()) {
        // Expired or revoked: forget it and start over as a new visitor.
        storage.setToken(null);
        session = null;
        return startSession(withUser);
      }
      if (err instanceof ChatError && err.code === 'SWB_ERR_WEBCHAT_USER_HASH_INVALID' && withUser) {
        out.emit('error', { code: err.code, message: err.message });
        user = null;
        return startSession(false);
      }
      if (err instanceof ChatError && err.code === 'SWB_ERR_WEBCHAT_INVALID_BODY' && sent) {
        // The page's attributes were refused: the chat starts without them.
        refuseAttributes(err);
        if (attributes === sent) attributes = null;
        return startSession(withUser);
      }
      throw err;
    }
    // The server has them now; newer ones the page set meanwhile go with the stream's `ready`.
    if (attributes === sent) attributes = null;
    const firstLoad = session === null || session.visitor_id !== res.visitor_id;
    applySession(res);
    if (withUser && user) out.emit('identified', { verified: res.verified, external_id: user.external_id });
    if (firstLoad) {
      const history = await client.call('GET', 'v1/messages?limit=50', undefined, HistoryResponseSchema);
      store.set((s) => ({ messages: applyAgentRead(mergeMessages(s.messages, [...history.messages.map(fromServer), ...outbox.bubbles()]), history.agent_read_up_to_seq), hasMore: history.has_more }));
      report();
      markSeen();
    } else if (res.last_seq > lastSeq(store.get().messages)) {
      await loadAfter(lastSeq(store.get().messages));
    }
    connect();
    void outbox.flush();
  }

  /**
   * (Re)starts the session, one at a time: a call while one runs is remembered and runs after
   * it (an identify() during the first start must not be lost). Retries with backoff while the
   * server is unreachable.
   */
  function restart(withUser: boolean): Promise<void> {
    if (starting) {
      queued = (queued ?? false) || withUser;
      return starting;
    }
    starting = startSession(withUser)
      .catch((err: unknown) => {
        const retryable = isRetryable(err);
        store.set((s) => ({ phase: s.phase === 'ready' ? 'ready' : retryable ? 'failed' : 'broken', connected: false }));
        if (retryable && navigator.onLine) reconnectTimer = setTimeout(() => void restart(withUser), RECONNECT_MS[Math.min(reconnects++, RECONNECT_MS.length - 1)]);
        // A refusal (origin not allowed, widget unknown) is the site's to fix: tell its page.
        else if (!retryable) out.emit('error', { code: err instanceof ChatError ? err.code : 'SWB_WIDGET_ERROR', message: String((err as Error).message ?? err) });
      })
      .finally(() => {
        starting = null;
        if (queued !== null) {
          const again = queued;
          queued = null;
          void restart(again);
        }
      });
    return starting;
  }

  addEventListener('online', () => {
    store.set({ online: true });
    reconnects = 0;
    if (session) connect();
    else void restart(true);
  });
  addEventListener('offline', () => {
    closeStream();
    clearTimeout(reconnectTimer);
    store.set({ online: false, connected: false });
  });
  document.addEventListener('visibilitychange', markSeen);
  store.set({ online: navigator.onLine });

  return {
    store,
    /** The page's first message: who the visitor is, what they said before the chat was up. */
    init(message: { stored: Record<string, string>; page: typeof page; open: boolean; user: WidgetUser | null; attributes: WidgetAttributes | null }): void {
      storage.load(message.stored);
      page = message.page;
      user = message.user;
      attributes = message.attributes;
      store.set({ phase: 'starting', open: message.open, readUpTo: storage.number('seen'), email: storage.text('email') });
      void restart(true);
    },
    /** Another tab changed the shared values: follow what changed. */
    stored(next: Record<string, string>): void {
      const before = { token: storage.token(), outbox: JSON.stringify(storage.outbox()), seen: storage.number('seen'), csat: storage.text('csat'), email: storage.text('email') };
      storage.load(next);
      if (JSON.stringify(storage.outbox()) !== before.outbox) {
        // Another tab queued (or sent) something: show the same pending bubbles here.
        const pending = outbox.bubbles();
        const keys = new Set(pending.map((b) => b.key));
        store.set((s) => ({ messages: mergeMessages(s.messages.filter((m) => m.seq !== null || keys.has(m.key)), pending) }));
      }
      if (storage.number('seen') > before.seen) store.set((s) => ({ readUpTo: Math.max(s.readUpTo, storage.number('seen')) }));
      const rated = storage.text('csat');
      if (rated !== before.csat) store.set((s) => (s.csat && s.csat.conversationId === rated ? { csat: { ...s.csat, state: 'done' } } : {}));
      const email = storage.text('email');
      if (email && email !== before.email) store.set((s) => ({ email, emailAsk: s.emailAsk === 'idle' ? s.emailAsk : 'saved', preChat: { ...s.preChat, completed: true } }));
      // Another tab got a new token for this visitor (verified elsewhere): use it.
      const token = storage.token();
      if (token && session && token !== before.token && token !== session.session_token) void restart(false);
      report();
    },
    /** The page opened or closed the panel; `focus` when the visitor asked for it (not a proactive open). */
    setOpen(open: boolean, focus = false): void {
      store.set((s) => ({ open, notice: null, focus: focus ? s.focus + 1 : s.focus }));
      markSeen();
    },
    /** Moves focus to the composer (or the form's first field), after the next render. */
    focus: () => store.set((s) => ({ focus: s.focus + 1 })),
    identify(next: WidgetUser): void {
      user = next;
      void restart(true);
    },
    setAttributes(next: WidgetAttributes): void {
      attributes = { ...attributes, ...next };
      void sendAttributes();
    },
    /** The site's logout: the loader dropped the stored values and revoked the token; start over anonymous. */
    async reset(): Promise<void> {
      closeStream();
      outbox.stop();
      storage.clear();
      session = null;
      user = attributes = null;
      store.set({ ...INITIAL_STATE, phase: 'starting', online: navigator.onLine, open: store.get().open });
      report();
      await restart(false);
    },
    send(text: string, attachments: Parameters<typeof outbox.add>[0]['attachments'] = [], postback: { payload: string; title: string } | null = null): void {
      typing.stop();
      store.set({ invite: null });
      outbox.add({ text, attachments, postback });
      if (store.get().emailAsk === 'idle' && !store.get().email) store.set({ emailAsk: 'shown' });
      report();
    },
    retry: (echoId: string) => outbox.retry(echoId),
    upload: (file: File) => outbox.upload(file),
    typing: typing.keyPressed,
    ...actions,
    invite: (text: string) => store.set({ invite: text }),
    notice: (text: string | null) => store.set({ notice: text }),
  };
}

/** The chat controller. */
export type ChatController = ReturnType<typeof createChatController>;
