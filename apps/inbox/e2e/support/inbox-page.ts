import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { UI_TIMEOUT_MS } from './e2e-suite';

/**
 * Retries `read` until the assertion chained on it holds (or the UI timeout passes): for counts
 * and states that settle as events arrive. Never a fixed sleep.
 *
 * @example
 * await eventually(() => timeline(page).getByText('Hi').count()).toBe(1);
 */
export function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: UI_TIMEOUT_MS, interval: 50 });
}

/**
 * The inbox screen by role and accessible name, as an agent (or a screen reader) finds things.
 *
 * @example
 * const inbox = inboxPage(page);
 * await inbox.row('Where is my order?').click();
 */
export function inboxPage(page: Page) {
  const timeline = page.getByRole('log', { name: 'Conversation timeline' });
  return {
    page,
    /** The conversation list (a listbox of options). */
    list: page.getByRole('listbox', { name: /conversations$/ }),
    /** A row of the list, by anything in its name: contact, status, waiting time, last message. */
    row: (text: string | RegExp): Locator => page.getByRole('listbox', { name: /conversations$/ }).getByRole('option', { name: text }),
    /** The open conversation's pane. */
    pane: page.getByRole('region', { name: /^Conversation with / }),
    timeline,
    /** Messages and notes in the open conversation containing the text. */
    messages: (text: string): Locator => timeline.getByRole('article').filter({ hasText: text }),
    /** System lines (assigned, resolved, …) in the open conversation containing the text. */
    systemLines: (text: string | RegExp): Locator => timeline.getByRole('note').filter({ hasText: text }),
    reply: page.getByRole('textbox', { name: 'Reply' }),
    note: page.getByRole('textbox', { name: 'Private note' }),
    reconnecting: page.getByRole('status').filter({ hasText: 'Reconnecting…' }),
    /** Attached (not visible: an empty slot) once the live connection is up and caught up; ephemeral signals such as typing reach the page from then on. */
    live: page.locator('[data-realtime="live"]'),
    /** The path of the page, e.g. `/all/01J…`. */
    path: (): string => new URL(page.url()).pathname,
  };
}
