// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { createVisitorStore } from './loader-visitor';

const HOUR = 3600_000;

describe('the visitor record in the site’s first-party storage', () => {
  beforeEach(() => localStorage.clear());

  it('keeps one random key per site key, counts visits 30 minutes apart, and stores no token', () => {
    const first = createVisitorStore(localStorage, 'wk_demo', 0);
    expect(first.info()).toEqual({ key: expect.stringMatching(/^[0-9a-f]{32}$/), visits: 1 });
    const sameVisit = createVisitorStore(localStorage, 'wk_demo', 10 * 60_000);
    expect(sameVisit.info()).toEqual(first.info());
    const nextDay = createVisitorStore(localStorage, 'wk_demo', 24 * HOUR);
    expect(nextDay.info()).toEqual({ key: first.info().key, visits: 2 });
    expect(createVisitorStore(localStorage, 'wk_other', 0).info().key).not.toBe(first.info().key);
    expect(localStorage.getItem('switchboard-chat:wk_demo')).not.toMatch(/wcs_|token/);
  });

  it('remembers an ongoing conversation, and forgets it on reset with a new key', () => {
    const store = createVisitorStore(localStorage, 'wk_demo', 0);
    const key = store.info().key;
    store.setActive(true);
    expect(createVisitorStore(localStorage, 'wk_demo', 1).active()).toBe(true);
    store.reset();
    expect(store.info().key).not.toBe(key);
    expect(store.active()).toBe(false);
    expect(createVisitorStore(localStorage, 'wk_demo', 2).info().key).toBe(store.info().key);
  });

  it('picks up what another tab wrote', () => {
    const here = createVisitorStore(localStorage, 'wk_demo', 0);
    const there = createVisitorStore(localStorage, 'wk_demo', 0);
    there.setActive(true);
    expect(here.reload()).toEqual({ keyChanged: false, becameActive: true });
    there.reset();
    expect(here.reload()).toEqual({ keyChanged: true, becameActive: false });
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
