import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectPageErrors } from '../../inbox/e2e/support/inbox-host';
import { createTestChannel } from '../../inbox/e2e/support/test-channel';
import { conversationWith } from './support/agent-api';
import { eventually, visitorPage } from './support/visitor-page';
import { identityFixture } from './support/widget-host';
import { widgetSuite } from './support/widget-suite';

// The shop's own backend talking to Switchboard (say, through its order-help form): it knows its
// customers by their account id, the same `web_user` id the widget's verified identity carries.
const shop = createTestChannel('channel-shop', 'web_user');

type User = { external_id: string; user_hash: string; name?: string; email?: string };

/** Queues identify() before the page's scripts run, as a signed-in site renders it. */
async function signedInAs(page: Page, user: User): Promise<void> {
  await page.addInitScript((u) => {
    (window as unknown as { SwitchboardChat: unknown[] }).SwitchboardChat = [['identify', u]];
  }, user);
}

describe('who the visitor is', () => {
  const suite = widgetSuite([shop]);
  const id = identityFixture();

  it('links a signed-in visitor, verified by the site’s user hash, to the customer the team already knows, on every device', async () => {
    // Dana wrote through the shop's form last week: the team knows her as cust_000042.
    const earlier = await shop.write({ identity: id.externalId, name: 'Dana Example' }, 'Last week: my invoice INV-2087 has the wrong VAT number.');

    const laptop = await suite.open();
    const visitor = visitorPage(laptop.page);
    await signedInAs(laptop.page, { external_id: id.externalId, user_hash: id.userHash, name: 'Dana Example', email: 'dana@customer.example.net' });
    await laptop.page.goto(suite.site.url('page=orders'));
    await visitor.events('identified').filter({ hasText: '"verified":true' }).waitFor();
    await visitor.openChat();
    await visitor.say('Hi, did the corrected invoice go out?');

    // The agent sees one customer: the chat is Dana's, with last week's conversation beside it.
    const conversationId = await conversationWith(suite.host, 'corrected invoice');
    const detail = (await (await suite.host.request(`/api/v1/conversations/${conversationId}`)).json()) as { contactId: string };
    expect(detail.contactId).toBe(earlier.contactId);
    const agent = await suite.agent(`/all/${conversationId}`);
    const { inbox } = agent;
    await inbox.messages('corrected invoice').waitFor();
    const contact = agent.page.getByRole('complementary', { name: 'Contact' });
    await contact.getByRole('heading', { name: 'Dana Example' }).waitFor();
    await contact.getByRole('link', { name: /INV-2087/ }).waitFor();
    await inbox.reply.fill('Yes, it went out this morning.');
    await inbox.reply.press('Enter');
    await visitor.messages('it went out this morning').waitFor();

    // Her phone: another browser, signed in as the same user, sees the same conversation.
    const phone = await suite.open();
    const second = visitorPage(phone.page);
    await signedInAs(phone.page, { external_id: id.externalId, user_hash: id.userHash, name: 'Dana Example' });
    await phone.page.goto(suite.site.url('page=home'));
    await second.openChat();
    await second.messages('corrected invoice').waitFor();
    await second.messages('it went out this morning').waitFor();
  });

  it('shows the attributes the page sets to the agent in the contact panel, before the first message and live afterwards', async () => {
    const watched = await suite.open();
    const visitor = visitorPage(watched.page);
    // The shop knows the visitor's plan when it renders the page: queued before the widget loads.
    await watched.page.addInitScript(() => {
      (window as unknown as { SwitchboardChat: unknown[] }).SwitchboardChat = [['setAttributes', { plan: 'pro' }]];
    });
    await watched.page.goto(suite.site.url('page=pricing'));
    await visitor.openChat();
    await visitor.say('Does my plan include priority shipping?');

    const conversationId = await conversationWith(suite.host, 'priority shipping');
    const agent = await suite.agent(`/all/${conversationId}`);
    await agent.inbox.messages('priority shipping').waitFor();
    const attributes = agent.page.getByRole('complementary', { name: 'Contact' }).getByRole('region', { name: 'Attributes' });
    const value = (name: string) => attributes.locator('div').filter({ has: agent.page.getByRole('term').getByText(name, { exact: true }) }).getByRole('definition');
    await eventually(() => value('plan').textContent()).toBe('pro');

    // The visitor upgrades on the site while the agent looks: the panel follows without a reload.
    await watched.page.evaluate(() => (window as unknown as { SwitchboardChat: { setAttributes(a: unknown): void } }).SwitchboardChat.setAttributes({ plan: 'enterprise', seats: 12 }));
    await eventually(() => value('plan').textContent()).toBe('enterprise');
    await eventually(() => value('seats').textContent()).toBe('12');
  });

  it('refuses an identity whose hash is not the site’s, tells the page, and keeps the visitor anonymous', async () => {
    const watched = await suite.open();
    const visitor = visitorPage(watched.page);
    // Someone claims to be cust_000043 with the hash of cust_000042.
    await signedInAs(watched.page, { external_id: id.otherExternalId, user_hash: id.otherUsersHash, name: 'Mallory' });
    await expectPageErrors(watched, [/HTTP 401 for POST .*\/v1\/sessions/, /status of 401/], async () => {
      await watched.page.goto(suite.site.url('page=orders'));
      await visitor.events('error').filter({ hasText: 'SWB_ERR_WEBCHAT_USER_HASH_INVALID' }).waitFor();
    });
    expect(await visitor.events('identified').count()).toBe(0);

    // The chat still works, as an anonymous visitor that is no known customer.
    await visitor.openChat();
    await visitor.say('Show me the orders of that account.');
    const conversationId = await conversationWith(suite.host, 'orders of that account');
    const detail = (await (await suite.host.request(`/api/v1/conversations/${conversationId}`)).json()) as { contactId: string };
    const contact = (await (await suite.host.request(`/api/v1/contacts/${detail.contactId}`)).json()) as { name: string | null; identities: Array<{ type: string; value: string }>; details: unknown[] };
    expect(contact.identities.map((i) => i.type)).toEqual(['web_visitor']);
    expect(contact.name).not.toBe('Mallory');
    expect(JSON.stringify([contact.identities, contact.details])).not.toContain('cust_00004');
    // A later, valid identify on the same page verifies this visitor.
    await watched.page.evaluate((u) => (window as unknown as { SwitchboardChat: { identify(u: unknown): void } }).SwitchboardChat.identify(u), { external_id: id.externalId, user_hash: id.userHash });
    await eventually(() => visitor.events('identified').filter({ hasText: '"verified":true' }).count()).toBe(1);
  });
});
