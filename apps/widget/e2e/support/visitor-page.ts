import type { Locator, Page } from 'playwright-core';

export { eventually } from '../../../inbox/e2e/support/inbox-page';

/**
 * The demo site with the widget, found the way a visitor (or a screen reader) finds things: the
 * launcher button by its name, the chat in the widget's frame, messages as articles of the log
 * (named in the widget's language: English unless `names` says otherwise).
 *
 * @example
 * const visitor = visitorPage(page);
 * await visitor.openChat();
 * await visitor.send('Where is my order?');
 */
export function visitorPage(page: Page, names: { log: string; composer: string } = { log: 'Messages', composer: 'Message' }) {
  const chat = page.frameLocator('switchboard-chat iframe');
  const log = chat.getByRole('log', { name: names.log });
  const composer = chat.getByRole('textbox', { name: names.composer, exact: true });
  const launcher = page.getByRole('button', { name: /^(Open|Close) chat/ });
  return {
    page,
    launcher,
    chat,
    log,
    composer,
    /** Bubbles of the conversation containing the text. */
    messages: (text: string | RegExp): Locator => log.getByRole('article').filter({ hasText: text }),
    /** The widget events the demo page logs (from `SwitchboardChat.on`). */
    events: (prefix: string): Locator => page.getByRole('list', { name: 'Widget events' }).getByRole('listitem').filter({ hasText: new RegExp(`^${prefix}\\b`) }),
    /** Clicks the launcher and waits until the chat is there. */
    async openChat(): Promise<void> {
      await page.getByRole('button', { name: /^Open chat/ }).click();
      await composer.waitFor();
    },
    /** Types and sends with Enter, as a visitor does. */
    async send(text: string): Promise<void> {
      await composer.fill(text);
      await composer.press('Enter');
    },
    /** Sends, and waits until the server has it (the bubble says "Sent", or "Seen" already). */
    async say(text: string, sent: string | RegExp = /\b(Sent|Seen)$/): Promise<void> {
      await composer.fill(text);
      await composer.press('Enter');
      await log.getByRole('article').filter({ hasText: text }).locator('.st').getByText(sent).waitFor();
    },
    /** The delivery state shown under one of the visitor's messages. */
    status: (text: string): Locator => log.getByRole('article').filter({ hasText: text }).locator('.st'),
  };
}

/** The visitor helpers. */
export type VisitorPage = ReturnType<typeof visitorPage>;
