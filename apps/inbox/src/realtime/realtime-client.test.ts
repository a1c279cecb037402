import type { CloudEvent } from '@switchboard/events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from './realtime-backoff';
import { createRealtimeClient, type CursorStore, type EnvironmentLike, type SocketLike } from './realtime-client';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  closed = false;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
  }
  // server side
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  frame(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
  hello() {
    return JSON.parse(this.sent[0] ?? 'null') as { type: string; token: string; after?: number };
  }
}

function event(id: string, conversationId = 'c1', seq = 1): CloudEvent {
  return { specversion: '1.0', id, source: 'switchboard/core', type: 'core.message.received.v1', time: '2025-01-01T00:00:00.000Z', data: { conversationId, seq } };
}

function memoryCursor(initial: number | null = null): CursorStore & { value: number | null } {
  const store = {
    value: initial,
    load: () => store.value,
    save: (seq: number) => void (store.value = seq),
    clear: () => void (store.value = null),
  };
  return store;
}

function fakeEnv(): EnvironmentLike & { online: boolean; fire(type: 'online' | 'offline'): void } {
  const listeners = new Map<string, Set<() => void>>();
  const env = {
    online: true,
    isOnline: () => env.online,
    addEventListener: (type: string, l: () => void) => void (listeners.get(type) ?? listeners.set(type, new Set()).get(type)!).add(l),
    removeEventListener: (type: string, l: () => void) => void listeners.get(type)?.delete(l),
    fire(type: 'online' | 'offline') {
      env.online = type === 'online';
      for (const l of listeners.get(type) ?? []) l();
    },
  };
  return env;
}

function setup(cursorStart: number | null = null) {
  const sockets: FakeSocket[] = [];
  const cursor = memoryCursor(cursorStart);
  const env = fakeEnv();
  const onUnauthorized = vi.fn();
  const onReset = vi.fn();
  const client = createRealtimeClient({
    url: 'ws://test/api/v1/realtime',
    getToken: () => 'tok',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    cursor,
    env,
    random: () => 0.5,
    onUnauthorized,
    onReset,
  });
  const received: Array<{ id: string; seq: number }> = [];
  client.subscribe((e, seq) => received.push({ id: e.id, seq }));
  const statuses: string[] = [];
  client.onStatus((s) => statuses.push(s));
  const last = () => sockets[sockets.length - 1]!;
  return { client, sockets, cursor, env, onUnauthorized, onReset, received, statuses, last };
}

describe('realtime client', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says hello from now on when it has no cursor, then resumes from the last sequence it saw', () => {
    const t = setup();
    t.client.start();
    t.last().open();
    expect(t.last().hello()).toEqual({ type: 'hello', token: 'tok' });
    t.last().frame({ type: 'ready', head: 10 });
    t.last().frame({ type: 'event', seq: 11, event: event('e11') });
    t.last().frame({ type: 'event', seq: 12, event: event('e12') });
    expect(t.client.status()).toBe('live');

    t.last().drop();
    expect(t.client.status()).toBe('reconnecting');
    vi.advanceTimersByTime(1000);
    expect(t.sockets).toHaveLength(2);
    t.last().open();
    expect(t.last().hello()).toEqual({ type: 'hello', token: 'tok', after: 12 });
    t.last().frame({ type: 'event', seq: 13, event: event('e13') });
    t.last().frame({ type: 'ready', head: 13 });
    expect(t.received.map((r) => r.id)).toEqual(['e11', 'e12', 'e13']);
    expect(t.statuses).toEqual(['connecting', 'live', 'reconnecting', 'live']);
  });

  it('delivers each event exactly once when a replay overlaps what it already saw', () => {
    const t = setup(20);
    t.client.start();
    t.last().open();
    expect(t.last().hello().after).toBe(20);
    t.last().frame({ type: 'event', seq: 19, event: event('old') });
    t.last().frame({ type: 'event', seq: 21, event: event('a') });
    t.last().frame({ type: 'event', seq: 21, event: event('a') });
    // The same event republished under a new stream sequence (a relay retry) is dropped by id.
    t.last().frame({ type: 'event', seq: 22, event: event('a') });
    t.last().frame({ type: 'event', seq: 23, event: event('b') });
    expect(t.received).toEqual([
      { id: 'a', seq: 21 },
      { id: 'b', seq: 23 },
    ]);
  });

  it('keeps the cursor in the store so a reloaded tab resumes where it was', () => {
    const t = setup();
    t.client.start();
    t.last().open();
    t.last().frame({ type: 'ready', head: 5 });
    expect(t.cursor.value).toBe(5);
    t.last().frame({ type: 'event', seq: 6, event: event('e6') });
    vi.advanceTimersByTime(600);
    expect(t.cursor.value).toBe(6);
  });

  it('backs off exponentially with jitter between failed attempts and resets after ready', () => {
    const t = setup();
    t.client.start();
    t.last().open();
    t.last().frame({ type: 'ready', head: 1 });
    t.last().drop();
    // attempt 0: 250..500 ms, with random 0.5 -> 375 ms
    vi.advanceTimersByTime(374);
    expect(t.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(t.sockets).toHaveLength(2);
    t.last().drop();
    // attempt 1: 750 ms
    vi.advanceTimersByTime(749);
    expect(t.sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(t.sockets).toHaveLength(3);
    t.last().open();
    t.last().frame({ type: 'ready', head: 1 });
    t.last().drop();
    vi.advanceTimersByTime(375);
    expect(t.sockets).toHaveLength(4);
  });

  it('stops and reports a refused token instead of retrying', () => {
    const t = setup();
    t.client.start();
    t.last().open();
    t.last().frame({ type: 'error', code: 'SWB_ERR_UNAUTHENTICATED', detail: 'sign in again' });
    t.last().drop(4401);
    vi.advanceTimersByTime(60_000);
    expect(t.sockets).toHaveLength(1);
    expect(t.onUnauthorized).toHaveBeenCalledOnce();
    expect(t.client.status()).toBe('stopped');
  });

  it('asks the app to refetch on reset and continues from the server head', () => {
    const t = setup(3);
    t.client.start();
    t.last().open();
    t.last().frame({ type: 'reset', reason: 'cursor_too_old', firstSeq: 100 });
    t.last().frame({ type: 'ready', head: 150 });
    expect(t.onReset).toHaveBeenCalledOnce();
    expect(t.client.lastSeq()).toBe(150);
    t.last().frame({ type: 'event', seq: 151, event: event('after-reset') });
    expect(t.received.map((r) => r.id)).toEqual(['after-reset']);
  });

  it('shows reconnecting as soon as the browser goes offline and reconnects when it is back', () => {
    const t = setup();
    t.client.start();
    t.last().open();
    t.last().frame({ type: 'ready', head: 7 });
    t.env.fire('offline');
    expect(t.client.status()).toBe('reconnecting');
    expect(t.sockets[0]!.closed).toBe(true);
    vi.advanceTimersByTime(120_000);
    expect(t.sockets).toHaveLength(1);
    t.env.fire('online');
    expect(t.sockets).toHaveLength(2);
    t.last().open();
    expect(t.last().hello().after).toBe(7);
  });

  it('hands typing frames to their own listeners without touching the stream sequence', () => {
    const t = setup();
    const typing: unknown[] = [];
    t.client.onTyping((f) => typing.push(f));
    t.client.start();
    t.last().open();
    t.last().frame({ type: 'ready', head: 4 });
    t.last().frame({ type: 'typing', conversationId: 'c1', actor: { kind: 'agent', id: 'a2', name: 'Sam' }, typing: true });
    t.last().frame({ type: 'typing', conversationId: 'c1', actor: { kind: 'contact', id: 'k1' }, typing: false });
    t.last().frame({ type: 'typing', conversationId: 'c1', typing: true });
    expect(typing).toEqual([
      { type: 'typing', conversationId: 'c1', actor: { kind: 'agent', id: 'a2', name: 'Sam' }, typing: true },
      { type: 'typing', conversationId: 'c1', actor: { kind: 'contact', id: 'k1', name: null }, typing: false },
    ]);
    expect(t.client.lastSeq()).toBe(4);
    expect(t.received).toEqual([]);
  });
});

describe('backoffDelay', () => {
  it('doubles up to the cap, half fixed and half random', () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 0)).toBe(2000);
    expect(backoffDelay(20, () => 1)).toBe(30_000);
    expect(backoffDelay(20, () => 0)).toBe(15_000);
  });
});
