import { launchBrowser, type TestBrowser, type WatchedPage } from '@switchboard/browser-testing';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { UI_TIMEOUT_MS } from '../../../inbox/e2e/support/e2e-suite';
import { signIn } from '../../../inbox/e2e/support/inbox-host';
import { inboxPage } from '../../../inbox/e2e/support/inbox-page';
import type { TestChannel } from '../../../inbox/e2e/support/test-channel';
import { visitorPage } from './visitor-page';
import { startWidgetHost, type Site, type WidgetHost } from './widget-host';

/** The desktop viewport unless a test asks for another. */
export const DESKTOP = { width: 1440, height: 900 } as const;

/** Records what a page reports as wrong, like `@switchboard/browser-testing` does for a context's first page. */
function watch(page: Page, errors: string[]): void {
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()} for ${res.request().method()} ${res.url()}`);
  });
}

/**
 * One demo site, one real host and one Chromium for a test file. Each test opens browser
 * contexts (a visitor, an agent) with `open()` and more tabs with `tab()`; after each test every
 * page must be clean (no console errors, page errors or HTTP ≥ 400 answers), then they close.
 *
 * @example
 * const suite = widgetSuite();
 * it('…', async () => { const visitor = await suite.open(); await visitor.page.goto(suite.site.url()); });
 */
export function widgetSuite(channels: readonly TestChannel[] = []) {
  let running: WidgetHost | undefined;
  let browser: TestBrowser | undefined;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    [running, browser] = await Promise.all([startWidgetHost(channels), launchBrowser()]);
  });
  afterEach(async () => {
    try {
      browser?.assertClean();
    } finally {
      for (const w of opened.splice(0)) {
        await w.context.close().catch(() => undefined);
        w.errors.length = 0;
      }
    }
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  const need = () => {
    if (!running) throw new Error('the test host is not running (beforeAll failed?)');
    return running;
  };
  return {
    get host() {
      return need().host;
    },
    get site() {
      return need().site;
    },
    /** A fresh browser context (own storage: another browser, another person) with one watched page. */
    async open(options: BrowserContextOptions = {}): Promise<WatchedPage> {
      if (!browser) throw new Error('the browser is not running (beforeAll failed?)');
      const watched = await browser.open({ viewport: DESKTOP, ...options });
      watched.page.setDefaultTimeout(UI_TIMEOUT_MS);
      opened.push(watched);
      return watched;
    },
    /** A visitor in a fresh browser on a page of the demo site (`query` like `page=orders`). */
    async visitor(query: string, site: Site = 'main', options: BrowserContextOptions = {}) {
      const watched = await this.open(options);
      await watched.page.goto(need().site.url(query, site));
      return { ...watched, visitor: visitorPage(watched.page) };
    },
    /** An agent signed in to the inbox in a fresh browser, at `path` (e.g. `/all/<conversation id>`). */
    async agent(path: string) {
      const watched = await this.open();
      await signIn(watched.page, need().host.url, path);
      return { ...watched, inbox: inboxPage(watched.page) };
    },
    /** Another tab of the same browser (shared storage), watched like the first. */
    async tab(watched: WatchedPage): Promise<Page> {
      const page = await watched.context.newPage();
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      watch(page, watched.errors);
      return page;
    },
  };
}
