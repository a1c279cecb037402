import type { CloudEvent } from '@switchboard/events';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './realtime-backoff';
import { CLOSE_UNAUTHENTICATED, parseServerFrame, type HelloFrame, type TypingFrame } from './realtime-frames';

/**
 * - `connecting`: first connection of this session, nothing shown;
 * - `live`: caught up (`ready` received), events flow;
 * - `reconnecting`: the connection dropped; a banner says so while it retries;
 * - `stopped`: signed out or the token was refused.
 */
export type RealtimeStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

/** Where the last stream sequence survives a reload of the tab. */
export type CursorStore = { load(): number | null; save(seq: number): void; clear(): void };

/** The part of the WebSocket API the client uses, so tests can hand in a fake. */
export type SocketLike = {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
};

/** Browser signals the client listens to: `online`, `offline`, `visibilitychange`. */
export type EnvironmentLike = {
  isOnline(): boolean;
  addEventListener(type: 'online' | 'offline' | 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline' | 'visibilitychange', listener: () => void): void;
};

/** Options of {@link createRealtimeClient}. */
export type RealtimeClientOptions = {
  /** `ws(s)://host/api/v1/realtime`. */
  url: string;
  getToken(): string | null;
  createSocket?(url: string): SocketLike;
  cursor?: CursorStore;
  env?: EnvironmentLike;
  random?(): number;
  backoff?: BackoffOptions;
  /** How many event ids are remembered to drop duplicates. */
  seenCapacity?: number;
  /** The server refused the token (close 4401): the session is over. */
  onUnauthorized?(): void;
  /** The cursor was older than the server keeps (`reset`): every open view must refetch. */
  onReset?(): void;
};

/** What a listener is told about each new event. */
export type RealtimeListener = (event: CloudEvent, streamSeq: number) => void;

/**
 * The inbox's one realtime connection per tab. It resumes from the last stream sequence it saw
 * (kept in memory and in the cursor store), reconnects with exponential backoff and jitter, waits
 * for the browser to be online, drops events it has already delivered (by stream sequence and by
 * event id), and reports its status for the "Reconnecting…" banner.
 *
 * @example
 * const rt = createRealtimeClient({ url: realtimeUrl(location), getToken: () => session.token });
 * const off = rt.subscribe((event) => listStore.apply(event));
 * rt.start();
 */
export function createRealtimeClient(options: RealtimeClientOptions) {
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const capacity = options.seenCapacity ?? 5000;
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const listeners = new Set<RealtimeListener>();
  const statusListeners = new Set<(status: RealtimeStatus) => void>();
  const typingListeners = new Set<(frame: TypingFrame) => void>();
  const seenIds = new Set<string>();
  const seenOrder: string[] = [];

  let lastSeq: number | null = options.cursor?.load() ?? null;
  let status: RealtimeStatus = 'stopped';
  let socket: SocketLike | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let everLive = false;

  function setStatus(next: RealtimeStatus): void {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) listener(next);
  }

  function persistSoon(): void {
    if (saveTimer || !options.cursor) return;
    saveTimer = setTimeout(() => {
      saveTimer = null;
      if (lastSeq !== null) options.cursor?.save(lastSeq);
    }, 500);
  }

  function remember(id: string): boolean {
    if (seenIds.has(id)) return false;
    seenIds.add(id);
    seenOrder.push(id);
    if (seenOrder.length > capacity) seenIds.delete(seenOrder.shift()!);
    return true;
  }

  function connect(): void {
    clearRetry();
    if (!running) return;
    if (options.env && !options.env.isOnline()) {
      // Nothing to try until the browser says it is back; the `online` listener reconnects.
      setStatus(everLive ? 'reconnecting' : 'connecting');
      return;
    }
    const token = options.getToken();
    if (!token) {
      stop();
      return;
    }
    setStatus(everLive ? 'reconnecting' : 'connecting');
    const ws = createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      const hello: HelloFrame = lastSeq === null ? { type: 'hello', token } : { type: 'hello', token, after: lastSeq };
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (message) => {
      if (socket !== ws) return;
      const frame = parseServerFrame(message.data);
      if (!frame) return;
      if (frame.type === 'event') {
        if (lastSeq !== null && frame.seq <= lastSeq) return;
        lastSeq = frame.seq;
        persistSoon();
        if (!remember(frame.event.id)) return;
        for (const listener of listeners) listener(frame.event, frame.seq);
      } else if (frame.type === 'ready') {
        attempt = 0;
        everLive = true;
        if (lastSeq === null || frame.head > lastSeq) lastSeq = frame.head;
        if (lastSeq !== null) options.cursor?.save(lastSeq);
        setStatus('live');
      } else if (frame.type === 'typing') {
        // Ephemeral: no sequence, nothing to resume; a tab that was away simply missed it.
        for (const listener of typingListeners) listener(frame);
      } else if (frame.type === 'reset') {
        // The server skips us to its head; what we missed must come from the REST API.
        lastSeq = null;
        options.cursor?.clear();
        options.onReset?.();
      }
    };
    ws.onerror = () => {
      // A close event always follows; reconnecting happens there.
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      if (event.code === CLOSE_UNAUTHENTICATED) {
        stop();
        options.onUnauthorized?.();
        return;
      }
      if (!running) return;
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    clearRetry();
    setStatus(everLive ? 'reconnecting' : 'connecting');
    const delay = backoffDelay(attempt, random, backoff);
    attempt++;
    retryTimer = setTimeout(connect, delay);
  }

  function clearRetry(): void {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
  }

  function dropSocket(): void {
    const ws = socket;
    socket = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
      try {
        ws.close(1000, 'client closing');
      } catch {
        // already closed
      }
    }
  }

  const onOnline = () => {
    if (!running || socket) return;
    attempt = 0;
    connect();
  };
  const onOffline = () => {
    if (!running) return;
    // A socket may linger after the network is gone; treat the tab as disconnected right away.
    dropSocket();
    clearRetry();
    setStatus(everLive ? 'reconnecting' : 'connecting');
  };
  const onVisible = () => {
    if (running && !socket && retryTimer) connect();
  };

  function stop(): void {
    running = false;
    clearRetry();
    dropSocket();
    options.env?.removeEventListener('online', onOnline);
    options.env?.removeEventListener('offline', onOffline);
    options.env?.removeEventListener('visibilitychange', onVisible);
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (lastSeq !== null) options.cursor?.save(lastSeq);
    setStatus('stopped');
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      options.env?.addEventListener('online', onOnline);
      options.env?.addEventListener('offline', onOffline);
      options.env?.addEventListener('visibilitychange', onVisible);
      connect();
    },
    stop,
    /** Subscribes to new events; returns the unsubscribe function. */
    subscribe(listener: RealtimeListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Subscribes to typing frames (other agents, customers); returns the unsubscribe function. */
    onTyping(listener: (frame: TypingFrame) => void): () => void {
      typingListeners.add(listener);
      return () => typingListeners.delete(listener);
    },
    /** Subscribes to status changes; returns the unsubscribe function. */
    onStatus(listener: (status: RealtimeStatus) => void): () => void {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    status: (): RealtimeStatus => status,
    lastSeq: (): number | null => lastSeq,
  };
}

/** A realtime client. */
export type RealtimeClient = ReturnType<typeof createRealtimeClient>;

/**
 * The realtime URL for the page's origin.
 *
 * @example
 * realtimeUrl(new URL('https://inbox.example.com/mine')); // 'wss://inbox.example.com/api/v1/realtime'
 */
export function realtimeUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/v1/realtime`;
}

/**
 * A cursor store over sessionStorage (per tab, survives reloads), tolerant of storage being off.
 *
 * @example
 * const cursor = sessionCursorStore(sessionStorage, 'switchboard.realtime.seq');
 */
export function sessionCursorStore(storage: Storage, key: string): CursorStore {
  return {
    load() {
      try {
        const raw = storage.getItem(key);
        const n = raw === null ? NaN : Number(raw);
        return Number.isInteger(n) && n >= 0 ? n : null;
      } catch {
        return null;
      }
    },
    save(seq) {
      try {
        storage.setItem(key, String(seq));
      } catch {
        // storage full or disabled: the in-memory cursor still works for this page
      }
    },
    clear() {
      try {
        storage.removeItem(key);
      } catch {
        // ignore
      }
    },
  };
}
