import { describe, expect, it } from 'vitest';
import { signIn } from '../../inbox/e2e/support/inbox-host';
import { inboxPage } from '../../inbox/e2e/support/inbox-page';
import { agentReply, conversationMessages, conversationWith } from './support/agent-api';
import { eventually, visitorPage } from './support/visitor-page';
import { widgetSuite } from './support/widget-suite';

describe('one conversation across pages, reloads, tabs and lost connections', () => {
  const suite = widgetSuite();

  it('continues the same conversation with its history after the visitor moves to another page and reloads, and on a later visit', async () => {
    const { page, context, visitor } = await suite.visitor('page=orders');
    await visitor.openChat();
    await visitor.say('Can I still change the size of order #2231?');
    const reply = 'Yes, until it ships tonight. Which size?';
    const conversationId = await conversationWith(suite.host, 'order #2231');
    await agentReply(suite.host, conversationId, reply);
    await visitor.messages(reply).waitFor();

    // Another page of the site (a full page load): the chat was open, so it is again, with its history.
    await page.getByRole('link', { name: 'Home' }).click();
    await page.waitForURL(/page=home/);
    await visitor.messages('order #2231').waitFor();
    await visitor.messages(reply).waitFor();
    await visitor.say('Size 42 please.');

    await page.reload();
    await visitor.messages('Size 42 please.').waitFor();
    expect(await visitor.messages('order #2231').count()).toBe(1);
    expect(await visitor.messages(reply).count()).toBe(1);
    // Same conversation on the server: three messages, in order.
    expect((await conversationMessages(suite.host, conversationId)).map((m) => m.text)).toEqual(['Can I still change the size of order #2231?', reply, 'Size 42 please.']);

    // Closed on one page, the chat stays closed on the next, and still knows the conversation.
    await visitor.composer.press('Escape');
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    await page.getByRole('link', { name: 'My orders' }).click();
    await page.waitForURL(/page=orders/);
    await visitor.openChat();
    await visitor.messages('Size 42 please.').waitFor();

    // The visitor leaves; the team answers while nobody is there. Another day, a new browser
    // session (the site's storage kept, the tab's gone): the launcher shows the reply as unread,
    // and the chat has the whole conversation.
    const storageState = await context.storageState();
    await context.close();
    await agentReply(suite.host, conversationId, 'Size 42 is on its way.');
    const later = await suite.open({ storageState });
    const back = visitorPage(later.page);
    await later.page.goto(suite.site.url('page=home'));
    await later.page.getByRole('button', { name: 'Open chat (unread: 1)' }).waitFor();
    await back.openChat();
    for (const text of ['order #2231', reply, 'Size 42 please.', 'Size 42 is on its way.']) await back.messages(text).waitFor();
  });

  it('keeps a second tab in step: messages from either tab and the agent’s replies show in both, and reading in one clears the badge in the other', async () => {
    const watched = await suite.open();
    const one = visitorPage(watched.page);
    await watched.page.goto(suite.site.url('page=orders'));
    await one.openChat();
    await one.say('Do you ship to Iceland?');

    const two = visitorPage(await suite.tab(watched));
    await two.page.goto(suite.site.url('page=home'));
    // The second tab knows there is a conversation, and brings the chat up ready (closed).
    await two.page.getByRole('button', { name: 'Open chat' }).waitFor();
    await two.openChat();
    await two.messages('ship to Iceland').waitFor();
    await two.send('And to the Faroe Islands?');
    await one.messages('Faroe Islands').waitFor();
    await one.status('Faroe Islands').getByText('Sent').waitFor();

    // The agent answers: both tabs show it once.
    const reply = 'We ship to both, 5–7 working days.';
    const conversationId = await conversationWith(suite.host, 'ship to Iceland');
    await agentReply(suite.host, conversationId, reply);
    await one.messages(reply).waitFor();
    await two.messages(reply).waitFor();
    for (const tab of [one, two]) {
      for (const text of ['ship to Iceland', 'Faroe Islands', reply]) expect(await tab.messages(text).count(), text).toBe(1);
    }

    // Tab two closes its chat; a new reply shows unread there until the visitor reads it in tab one.
    await two.composer.press('Escape');
    await two.page.getByRole('button', { name: 'Open chat' }).waitFor();
    await agentReply(suite.host, conversationId, 'Customs are included.');
    await one.messages('Customs are included.').waitFor();
    // Tab two's chat is hidden (closed), out of the accessibility tree: find the bubble by tag.
    await two.chat.locator('article', { hasText: 'Customs are included.' }).waitFor({ state: 'attached' });
    // Tab one had the chat open and in view, so the message is read there, and tab two follows.
    await eventually(() => two.events('unread').last().textContent()).toMatch(/"count":0/);
    await two.page.getByRole('button', { name: 'Open chat', exact: true }).waitFor();
  });

  it('queues what the visitor writes offline and delivers it exactly once when the connection is back', async () => {
    const agent = await suite.open();
    const inbox = inboxPage(agent.page);
    const { page, context, visitor } = await suite.visitor('page=orders');
    await visitor.openChat();
    await visitor.say('My parcel tracker stopped updating.');
    const conversationId = await conversationWith(suite.host, 'tracker stopped updating');
    await signIn(agent.page, suite.host.url, `/all/${conversationId}`);
    await inbox.messages('tracker stopped updating').waitFor();

    await context.setOffline(true);
    await visitor.chat.getByRole('status').filter({ hasText: 'You’re offline' }).waitFor();
    await visitor.send('I am on a train, the signal comes and goes.');
    await visitor.status('on a train').getByText('Waiting for connection').waitFor();
    await visitor.send('The number ends in 7781.');
    await visitor.status('ends in 7781').getByText('Waiting for connection').waitFor();
    // Nothing can have left the browser.
    expect((await conversationMessages(suite.host, conversationId)).map((m) => m.text)).toEqual(['My parcel tracker stopped updating.']);

    await context.setOffline(false);
    await visitor.status('ends in 7781').getByText(/Sent|Seen/).waitFor();
    // The earlier one no longer waits (only the newest message shows "Sent").
    await eventually(() => visitor.status('on a train').count()).toBe(0);
    await inbox.messages('on a train').waitFor();
    await inbox.messages('ends in 7781').waitFor();
    expect((await conversationMessages(suite.host, conversationId)).map((m) => m.text)).toEqual(['My parcel tracker stopped updating.', 'I am on a train, the signal comes and goes.', 'The number ends in 7781.']);
    expect(await inbox.messages('on a train').count()).toBe(1);
    expect(await visitor.messages('on a train').count()).toBe(1);
    await eventually(() => visitor.chat.getByRole('status').filter({ hasText: 'You’re offline' }).count()).toBe(0);

    // And it is live again.
    await inbox.reply.fill('Thanks, I can see it moving again.');
    await inbox.reply.press('Enter');
    await visitor.messages('I can see it moving again').waitFor();
  });

  it('forgets the conversation when the site logs the visitor out (reset), on this page and the next', async () => {
    const { page, visitor } = await suite.visitor('page=orders');
    await visitor.openChat();
    await visitor.say('Private: my address is 12 Harbour Lane.');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Open chat' }).waitFor();
    await visitor.openChat();
    await visitor.log.getByText('Hi! Ask us anything about your order.').waitFor();
    expect(await visitor.messages('12 Harbour Lane').count()).toBe(0);
    // The chat was open, so it opens again after the reload: a new conversation, nothing of the old.
    await page.reload();
    await visitor.log.getByText('Hi! Ask us anything about your order.').waitFor();
    await visitor.say('Hello again');
    expect(await visitor.messages('12 Harbour Lane').count()).toBe(0);
    expect(await visitor.log.getByRole('article').count()).toBe(2);
  });
});
