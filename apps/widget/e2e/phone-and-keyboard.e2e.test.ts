import { describe, expect, it } from 'vitest';
import { conversationWith } from './support/agent-api';
import { eventually, visitorPage } from './support/visitor-page';
import { widgetSuite } from './support/widget-suite';

const PHONE = { width: 390, height: 844 } as const;

describe('the widget on a phone and from the keyboard', () => {
  const suite = widgetSuite();

  it('takes the whole screen on a phone, keeps the composer in view, and gives the page back on close', async () => {
    const { page } = await suite.open({ viewport: PHONE, isMobile: true, hasTouch: true });
    const visitor = visitorPage(page);
    await page.goto(suite.site.url('page=orders'));
    await page.getByRole('button', { name: 'Open chat' }).tap();
    await visitor.composer.waitFor();

    const frame = await page.locator('iframe[title="Chat"]').boundingBox();
    expect(frame).toMatchObject({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    // The launcher steps aside; the chat's own close button takes over.
    await eventually(() => page.getByRole('button', { name: 'Close chat' }).isVisible()).toBe(false);
    const composer = await visitor.composer.boundingBox();
    expect(composer && composer.y + composer.height <= PHONE.height && composer.x >= 0 && composer.x + composer.width <= PHONE.width).toBe(true);
    // The panel follows the visual viewport (what shrinks when the keyboard opens).
    const fitted = await page.evaluate(() => {
      const panel = document.querySelector('switchboard-chat')!.shadowRoot!.querySelector<HTMLElement>('[role="dialog"]')!;
      return { height: panel.style.height, viewport: `${window.visualViewport!.height}px` };
    });
    expect(fitted.height).toBe(fitted.viewport);
    // Inputs are 16px, so iOS does not zoom in on focus.
    expect(await visitor.composer.evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');

    await visitor.composer.tap();
    await visitor.say('Writing from my phone.');
    await conversationWith(suite.host, 'from my phone');

    await visitor.chat.getByRole('button', { name: 'Close chat' }).tap();
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    expect(await page.locator('iframe[title="Chat"]').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  it('works from the keyboard: the launcher opens it, Tab stays inside while it is open, Escape closes it and returns focus', async () => {
    const { page, visitor } = await suite.visitor('page=orders');
    await visitor.launcher.waitFor();
    await page.getByRole('button', { name: 'Open chat' }).focus();
    await page.keyboard.press('Enter');
    await visitor.composer.waitFor();
    await eventually(() => visitor.composer.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('button', { name: 'Close chat' }).getAttribute('aria-expanded')).toBe('true');

    // Every Tab and Shift+Tab lands on something inside the chat, never on the page behind it.
    const focusedInChat = () => visitor.composer.evaluate(() => document.hasFocus() && document.activeElement !== document.body);
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SWITCHBOARD-CHAT');
      expect(await focusedInChat()).toBe(true);
      seen.add(await visitor.composer.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName ?? ''));
    }
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SWITCHBOARD-CHAT');
      expect(await focusedInChat()).toBe(true);
    }
    // The trap cycles through the chat's controls (close, messages, composer, emoji, attach, send).
    expect([...seen]).toEqual(expect.arrayContaining(['Close chat', 'Message', 'Insert emoji', 'Send']));

    // Emoji from the keyboard: the picker opens, Escape closes only the picker.
    await visitor.chat.getByRole('button', { name: 'Insert emoji' }).focus();
    await page.keyboard.press('Enter');
    await visitor.chat.getByRole('group', { name: 'Insert emoji' }).waitFor();
    await page.keyboard.press('Escape');
    await eventually(() => visitor.chat.getByRole('group', { name: 'Insert emoji' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Close chat' }).waitFor();
    await visitor.chat.getByRole('button', { name: 'Insert emoji' }).click();
    await visitor.chat.getByRole('button', { name: '👍' }).click();
    expect(await visitor.composer.inputValue()).toBe('👍');

    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    await eventually(() => page.evaluate(() => document.activeElement?.tagName)).toBe('SWITCHBOARD-CHAT');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('aria-label'))).toBe('Open chat');
  });
});
