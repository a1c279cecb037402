// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTitleFlasher } from './loader-attention';

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
