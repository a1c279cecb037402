// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserNotifier, createTitleFlasher } from './loader-attention';

function setHidden(hidden: boolean) {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('the title flash', () => {
  afterEach(() => {
    setHidden(false);
    vi.useRealTimers();
  });

  it('alternates the page title while the tab is hidden and puts the page’s own back when the visitor looks', () => {
    vi.useFakeTimers();
    document.title = 'My orders · Acme Outdoor';
    const title = createTitleFlasher(document);
    title.flash('(New message) Alex');
    // A visible tab needs no flashing.
    expect(document.title).toBe('My orders · Acme Outdoor');
    setHidden(true);
    title.flash('(New message) Alex');
    expect(document.title).toBe('(New message) Alex');
    vi.advanceTimersByTime(1000);
    expect(document.title).toBe('My orders · Acme Outdoor');
    vi.advanceTimersByTime(1000);
    expect(document.title).toBe('(New message) Alex');
    // The page renames itself meanwhile (an SPA): that name is the one restored.
    document.title = 'Checkout · Acme Outdoor';
    vi.advanceTimersByTime(1000);
    setHidden(false);
    expect(document.title).toBe('Checkout · Acme Outdoor');
    vi.advanceTimersByTime(5000);
    expect(document.title).toBe('Checkout · Acme Outdoor');
  });
});

/** The browser's Notification API (happy-dom has none): records what the widget asks of it. */
function installNotifications(permission: NotificationPermission) {
  const shown: Array<{ title: string; body: string | undefined; onclick: (() => void) | null; closed: boolean }> = [];
  let requests = 0;
  class FakeNotification {
    static permission = permission;
    static requestPermission() {
      requests++;
      return Promise.resolve(permission);
    }
    onclick: (() => void) | null = null;
    constructor(title: string, options: { body?: string }) {
      shown.push(this as never);
      Object.assign(this, { title, body: options.body, closed: false });
    }
    close() {
      (this as unknown as { closed: boolean }).closed = true;
    }
  }
  vi.stubGlobal('Notification', FakeNotification);
  return { shown, requests: () => requests };
}

describe('browser notifications', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('never asks nor notifies unless the widget’s config turns them on, even with the permission granted', () => {
    const browser = installNotifications('granted');
    for (const setting of [false, undefined]) {
      const notes = createBrowserNotifier(setting);
      notes.ask();
      notes.show('Alex', 'It ships today.', () => undefined);
    }
    expect(browser.requests()).toBe(0);
    expect(browser.shown).toEqual([]);
  });

  it('when on: asks once the visitor clicks while the browser has not decided, and shows replies once allowed, a click opening the chat', () => {
    const undecided = installNotifications('default');
    const asking = createBrowserNotifier(true);
    asking.ask();
    asking.show('Alex', 'not yet allowed', () => undefined);
    expect(undecided.requests()).toBe(1);
    expect(undecided.shown).toEqual([]);

    const allowed = installNotifications('granted');
    const notes = createBrowserNotifier(true);
    notes.ask();
    expect(allowed.requests()).toBe(0);
    let opened = 0;
    notes.show('Alex', 'It ships today.', () => opened++);
    expect(allowed.shown).toMatchObject([{ title: 'Alex', body: 'It ships today.', closed: false }]);
    allowed.shown[0]!.onclick!();
    expect(opened).toBe(1);
    expect(allowed.shown[0]!.closed).toBe(true);
  });

  it('stays quiet when the visitor refused them', () => {
    const refused = installNotifications('denied');
    const notes = createBrowserNotifier(true);
    notes.ask();
    notes.show('Alex', 'It ships today.', () => undefined);
    expect(refused.requests()).toBe(0);
    expect(refused.shown).toEqual([]);
  });
});
