import type { Page, Request, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { inboxSuite } from './support/e2e-suite';
import { expectPageErrors, signIn } from './support/inbox-host';
import { eventually, inboxPage } from './support/inbox-page';
import { createTestChannel } from './support/test-channel';

const sms = createTestChannel('channel-sms', 'phone');

/** The clientMessageId of a POST …/messages request. */
function clientMessageIdOf(request: Request): string {
  return (request.postDataJSON() as { clientMessageId: string }).clientMessageId;
}

/** What the tab's outbox still holds (it keeps itself in sessionStorage, across reloads). */
async function outboxOf(page: Page): Promise<unknown[]> {
  const stored = await page.evaluate(() => sessionStorage.getItem('switchboard.outbox'));
  // Written on every send: missing means the outbox moved, and this check would prove nothing.
  if (stored === null) throw new Error('no outbox in sessionStorage under switchboard.outbox (renamed?)');
  return JSON.parse(stored) as unknown[];
}

describe('the inbox through a flaky network', () => {
  const suite = inboxSuite([sms]);

  it('shows "Reconnecting…" while offline, and every message that arrived meanwhile exactly once after', async () => {
    const { page, context } = await suite.open();
    const inbox = inboxPage(page);
    const noor = { identity: '+15550111', name: 'Noor Haddad' };
    const other = { identity: '+15550112', name: 'Felix Baptiste' };
    const { conversationId } = await sms.write(noor, 'Is my table for six still booked for Friday?');
    await signIn(page, suite.host.url, `/all/${conversationId}`);
    await inbox.messages('table for six').waitFor();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    await context.setOffline(true);
    await inbox.reconnecting.waitFor();

    // While the agent is offline: more from this customer, and a new conversation from another.
    const whileOffline = ['Actually we are eight now.', 'And one of us needs a high chair.', 'Thanks!'];
    for (const text of whileOffline) await sms.write(noor, text);
    await sms.write(other, 'Do you deliver to 12 Harbour Lane?');
    // Still offline: nothing could have reached the page.
    expect(await inbox.messages('we are eight now').count()).toBe(0);
    expect(await inbox.reconnecting.count()).toBe(1);

    await context.setOffline(false);
    await inbox.reconnecting.waitFor({ state: 'detached' });
    for (const text of whileOffline) await inbox.messages(text).waitFor();
    await inbox.row(/Do you deliver to 12 Harbour Lane\?/).waitFor();

    // Exactly once each, in the timeline and in the list, with no reload.
    for (const text of ['table for six', ...whileOffline]) expect(await inbox.messages(text).count(), text).toBe(1);
    await eventually(() => inbox.row(/Thanks!/).count()).toBe(1);
    expect(await inbox.row(/Do you deliver to 12 Harbour Lane\?/).count()).toBe(1);
    expect(await inbox.timeline.getByRole('article').count()).toBe(4);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // And it stays live: the next message arrives on its own.
    await sms.write(noor, 'See you Friday.');
    await inbox.messages('See you Friday.').waitFor();
    expect(await inbox.timeline.getByRole('article').count()).toBe(5);
  });

  it('retries a reply whose request never reached the server with the same clientMessageId, and shows and delivers it once', async () => {
    const watched = await suite.open();
    const { page } = watched;
    const inbox = inboxPage(page);
    const { conversationId } = await sms.write({ identity: '+15550113', name: 'Hana Kobayashi' }, 'Can I pay by bank transfer?');
    await signIn(page, suite.host.url, `/all/${conversationId}`);
    await inbox.messages('pay by bank transfer').waitFor();

    const posts: string[] = [];
    let failed = false;
    await page.route(`**/api/v1/conversations/${conversationId}/messages`, async (route: Route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      posts.push(clientMessageIdOf(request));
      if (failed) return route.continue();
      failed = true;
      // The connection drops before the request is out: the server never sees it.
      await route.abort('internetdisconnected');
    });

    const text = 'Yes, IBAN and reference are on your invoice.';
    // The dropped request is the one error this test expects from the page.
    await expectPageErrors(watched, [/ERR_INTERNET_DISCONNECTED/], async () => {
      await inbox.reply.fill(text);
      await inbox.reply.press('Enter');
      // The outbox tries again by itself; the message ends up sent.
      await inbox.messages(text).getByRole('img', { name: 'Sent' }).waitFor({ timeout: 20_000 });
    });

    expect(posts.length).toBe(2);
    expect(posts[1]).toBe(posts[0]);
    expect(await inbox.messages(text).count()).toBe(1);
    await sms.waitForDelivery((d) => d.message.text === text);
    expect(sms.delivered.filter((d) => d.message.text === text).length).toBe(1);
    expect(sms.delivered.find((d) => d.message.text === text)?.message.clientMessageId).toBe(posts[0]);
    await eventually(() => outboxOf(page)).toEqual([]);
  });

  it('does not send twice when the server stored a reply but its answer was lost, and the outbox tries again', async () => {
    const watched = await suite.open();
    const { page } = watched;
    const inbox = inboxPage(page);
    const { conversationId } = await sms.write({ identity: '+15550114', name: 'Olu Adeyemi' }, 'Is the blue jacket back in stock in M?');
    await signIn(page, suite.host.url, `/all/${conversationId}`);
    await inbox.messages('blue jacket').waitFor();

    const posts: string[] = [];
    let answers = 0;
    await page.route(`**/api/v1/conversations/${conversationId}/messages`, async (route: Route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      posts.push(clientMessageIdOf(request));
      if (posts.length > 1) return route.continue();
      // The server gets the request and stores the message; the answer never comes back.
      const response = await route.fetch();
      answers = response.status();
      await route.abort('connectionreset');
    });
    const text = 'Yes, size M is back since this morning.';
    // The lost answer is the one error this test expects from the page.
    await expectPageErrors(watched, [/ERR_CONNECTION_RESET/], async () => {
      await inbox.reply.fill(text);
      await inbox.reply.press('Enter');
      // The message the server stored reaches the timeline through the live stream, once.
      await inbox.messages(text).getByRole('img', { name: /Sent|Queued/ }).waitFor();
    });
    await sms.waitForDelivery((d) => d.message.text === text);
    expect(answers).toBe(201);
    // The outbox did not get an answer, so it sends again — with the same id, answered as a duplicate.
    await eventually(() => posts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(posts).size).toBe(1);
    await inbox.messages(text).getByRole('img', { name: 'Sent' }).waitFor();
    expect(await inbox.messages(text).count()).toBe(1);
    expect(sms.delivered.filter((d) => d.message.text === text).length).toBe(1);
    // The outbox took the duplicate answer as success: nothing is left waiting to be sent.
    await eventually(() => outboxOf(page)).toEqual([]);
  });
});
