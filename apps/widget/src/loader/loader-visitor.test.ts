// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createVisitorStore } from './loader-visitor';

const HOUR = 3600_000;

describe('the visitor record in the site’s first-party storage', () => {
  beforeEach(() => localStorage.clear());

  it('keeps one random key per site key and counts visits 30 minutes apart', () => {
    const first = createVisitorStore(localStorage, 'wk_demo', 0);
    expect(first.info()).toEqual({ key: expect.stringMatching(/^[0-9a-f]{32}$/), visits: 1 });
    const sameVisit = createVisitorStore(localStorage, 'wk_demo', 10 * 60_000);
    expect(sameVisit.info()).toEqual(first.info());
    const nextDay = createVisitorStore(localStorage, 'wk_demo', 24 * HOUR);
    expect(nextDay.info()).toEqual({ key: first.info().key, visits: 2 });
    expect(createVisitorStore(localStorage, 'wk_other', 0).info().key).not.toBe(first.info().key);
  });

  it('keeps the chat’s values and an ongoing conversation across page loads, and drops them on reset with a new key', () => {
    const store = createVisitorStore(localStorage, 'wk_demo', 0);
    const key = store.info().key;
    store.setActive(true);
    store.set('token', 'wcs_one');
    store.set('outbox', '[]');
    store.set('outbox', null);
    const next = createVisitorStore(localStorage, 'wk_demo', 1);
    expect(next.active()).toBe(true);
    expect(next.data()).toEqual({ token: 'wcs_one' });
    expect(next.reset()).toEqual({ token: 'wcs_one' });
    expect(next.info().key).not.toBe(key);
    expect(next.active()).toBe(false);
    expect(createVisitorStore(localStorage, 'wk_demo', 2).data()).toEqual({});
  });

  it('picks up what another tab wrote: a conversation, changed chat values, a reset', () => {
    const here = createVisitorStore(localStorage, 'wk_demo', 0);
    const there = createVisitorStore(localStorage, 'wk_demo', 0);
    there.setActive(true);
    there.set('token', 'wcs_one');
    expect(here.reload()).toEqual({ reset: false, becameActive: true });
    expect(here.data()).toEqual({ token: 'wcs_one' });
    there.set('seen', '4');
    expect(here.reload()).toEqual({ reset: false, becameActive: false });
    expect(here.data()).toEqual({ token: 'wcs_one', seen: '4' });
    there.reset();
    expect(here.reload()).toEqual({ reset: true, becameActive: false });
    expect(here.data()).toEqual({});
    expect(here.info().key).toBe(there.info().key);
  });

  it('works for the page’s lifetime when storage is blocked', () => {
    const blocked = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
    } as unknown as Storage;
    const store = createVisitorStore(blocked, 'wk_demo', 0);
    store.setActive(true);
    expect(store.info().visits).toBe(1);
    expect(store.active()).toBe(true);
  });
});
