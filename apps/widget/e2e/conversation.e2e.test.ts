import { describe, expect, it } from 'vitest';
import { eventually } from './support/visitor-page';
import { widgetSuite } from './support/widget-suite';

describe('a visitor and an agent talking through the widget', () => {
  const suite = widgetSuite();

  it('shows the first message to the agent live, and the reply in the widget with the agent’s name, read receipts and the unread badge', async () => {
    const agent = await suite.agent('/all');
    const { inbox } = agent;
    await inbox.list.waitFor();

    const { page, visitor } = await suite.visitor('page=orders');
    // The launcher keeps its own look on a page whose CSS restyles every button and font.
    await visitor.launcher.waitFor();
    const look = await visitor.launcher.evaluate((el) => {
      const style = getComputedStyle(el);
      return { background: style.backgroundColor, font: style.fontFamily };
    });
    expect(look.background).toBe('rgb(11, 122, 83)');
    expect(look.font).not.toMatch(/Georgia/);
    // The only global the loader adds is its API.
    expect(await page.evaluate(() => typeof (window as unknown as { SwitchboardChat: { open: unknown } }).SwitchboardChat.open)).toBe('function');
    // Nothing of the chat is loaded before the visitor asks for it.
    expect(await page.locator('iframe').count()).toBe(0);

    await visitor.openChat();
    await eventually(() => visitor.composer.evaluate((el) => el === document.activeElement)).toBe(true);
    await visitor.log.getByText('Hi! Ask us anything about your order.').waitFor();
    await visitor.chat.getByText('We usually reply within 5 min.').waitFor();

    await visitor.say('Hi, where is my order #1042?');
    expect(await visitor.composer.inputValue()).toBe('');

    // The agent sees it arrive without reloading, opens it, and replies.
    await inbox.row(/where is my order #1042/).click();
    await inbox.messages('where is my order #1042').waitFor();
    expect(await inbox.messages('where is my order #1042').getAttribute('aria-label')).toMatch(/received via Web chat/);
    // Opening it read it: the visitor sees the receipt.
    await visitor.status('where is my order #1042').getByText('Seen').waitFor();

    await inbox.reply.fill('It left our warehouse this morning.');
    await inbox.reply.press('Enter');
    const reply = visitor.messages('It left our warehouse this morning.');
    await reply.waitFor();
    const agentName = await reply.locator('.nm').textContent();
    expect(agentName?.trim().length).toBeGreaterThan(0);
    expect(await reply.locator('.av').textContent()).toMatch(/^[A-Z?]{1,2}$/);
    // The visitor had the chat open and in view: the agent sees the reply read.
    await inbox.messages('It left our warehouse this morning.').getByRole('img', { name: 'Read' }).waitFor();

    // Closed chat: Escape closes it and focus goes back to the launcher; the next reply shows as unread.
    await visitor.composer.press('Escape');
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SWITCHBOARD-CHAT');
    await inbox.reply.fill('Tracking number: 00340434161094042557.');
    await inbox.reply.press('Enter');
    await page.getByRole('button', { name: 'Open chat (unread: 1)' }).waitFor();
    await visitor.events('unread').filter({ hasText: '"count":1' }).first().waitFor();

    // Opening it reads it: the badge goes.
    await visitor.openChat();
    await visitor.messages('00340434161094042557').waitFor();
    await page.getByRole('button', { name: 'Close chat' }).waitFor();
    await visitor.events('unread').filter({ hasText: '"count":0' }).last().waitFor();
    expect(await visitor.messages('where is my order #1042').count()).toBe(1);
  });
});
