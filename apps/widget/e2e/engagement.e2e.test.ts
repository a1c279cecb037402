import { describe, expect, it } from 'vitest';
import { agentReply, conversationWith } from './support/agent-api';
import { eventually, visitorPage } from './support/visitor-page';
import { PRICING_INVITATION } from './support/widget-host';
import { widgetSuite } from './support/widget-suite';

describe('reaching out, nobody in, and asking how it went', () => {
  const suite = widgetSuite();

  it('opens the chat with the invitation of a proactive rule on a matching page, without taking the page’s focus', async () => {
    const { page, visitor } = await suite.visitor('page=home');
    await visitor.launcher.waitFor();
    await page.getByRole('link', { name: 'Pricing' }).click();
    await page.waitForURL(/page=pricing/);
    // The rule waits a second on the page, then the chat opens with its message from the team.
    await visitor.log.getByText(PRICING_INVITATION).waitFor();
    await page.getByRole('button', { name: 'Close chat' }).waitFor();
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

    // Answering the invitation starts a conversation as usual.
    await visitor.say('Is there a student discount?');
    await conversationWith(suite.host, 'student discount');
  });

  it('offers a 1–5 rating with a comment once the agent resolves the conversation, and a new message starts a new one', async () => {
    const { page, visitor } = await suite.visitor('page=orders');
    await visitor.openChat();
    await visitor.say('Can I pick up order #3307 in store?');
    const conversationId = await conversationWith(suite.host, '#3307');

    const agent = await suite.agent(`/all/${conversationId}`);
    const { inbox } = agent;
    await inbox.reply.fill('Yes, it is ready at the Elm Street shop.');
    await inbox.reply.press('Enter');
    await visitor.messages('Elm Street').waitFor();
    await agent.page.getByRole('button', { name: 'Resolve' }).click();

    const survey = visitor.chat.getByRole('group', { name: 'How would you rate this conversation?' });
    await survey.waitFor();
    await visitor.log.getByText('This conversation was closed. Write to start a new one.').waitFor();
    await survey.getByRole('radio', { name: '4 out of 5' }).check();
    await visitor.chat.getByRole('textbox', { name: 'Anything to add? (optional)' }).fill('Quick, but the shop closes early.');
    const submitted = suite.host.waitForEvent<{ conversationId: string; rating: number; comment: string | null }>('channel-webchat.csat.submitted.v1', (e) => e.data.conversationId === conversationId);
    await visitor.chat.getByRole('button', { name: 'Send rating' }).click();
    await visitor.chat.getByRole('status').filter({ hasText: 'Thank you for your feedback!' }).waitFor();
    const event = await submitted;
    expect(event.data).toMatchObject({ rating: 4, comment: 'Quick, but the shop closes early.' });

    // A reload does not ask again.
    await page.reload();
    await visitor.messages('Elm Street').waitFor();
    expect(await survey.count()).toBe(0);

    // Writing again opens a new conversation for the team.
    await visitor.say('One more thing: do you gift wrap?');
    expect(await conversationWith(suite.host, 'gift wrap')).not.toBe(conversationId);
  });

  it('when nobody is in: says so and when to expect a reply, and asks for an email so the conversation can go on by mail', async () => {
    const { page, visitor } = await suite.visitor('page=home', 'away');
    await visitor.openChat();
    await visitor.chat.getByText('We’ll reply as soon as we can.').waitFor();
    await visitor.log.getByText('We’re away right now. Leave a message and your email, and we’ll get back to you.').waitFor();
    await visitor.say('My discount code SPRING10 is refused at checkout.');

    const ask = visitor.chat.getByRole('textbox', { name: 'Nobody is here right now. Leave your email and we’ll reply there.' });
    await ask.fill('not-an-email');
    await visitor.chat.getByRole('button', { name: 'Save' }).click();
    await visitor.chat.getByRole('alert').filter({ hasText: 'Enter a valid email address.' }).waitFor();
    await ask.fill('night.owl@customer.example.net');
    await visitor.chat.getByRole('button', { name: 'Save' }).click();
    await visitor.chat.getByRole('status').filter({ hasText: 'Thanks! We’ll reply to night.owl@customer.example.net too.' }).waitFor();

    // The team sees the address at once, beside the conversation.
    const conversationId = await conversationWith(suite.host, 'SPRING10');
    await eventually(async () => {
      const res = await suite.host.request(`/api/v1/conversations/${conversationId}/messages?limit=100`);
      const items = ((await res.json()) as { items: Array<{ text: string; private: boolean }> }).items;
      return items.some((m) => m.private && m.text.includes('night.owl@customer.example.net'));
    }).toBe(true);
    // And the reply still reaches the chat if the visitor stays.
    await agentReply(suite.host, conversationId, 'Fixed: the code works again.');
    await visitor.messages('the code works again').waitFor();
  });

  it('asks for name, email and consent first when the widget requires it, in the widget’s language, and checks them before the chat starts', async () => {
    const { page } = await suite.open();
    const visitor = visitorPage(page, { log: 'Wiadomości', composer: 'Wiadomość' });
    await page.goto(suite.site.url('page=home', 'form'));
    await page.getByRole('button', { name: 'Otwórz czat' }).click();
    const form = visitor.chat.getByRole('form', { name: 'Zanim zaczniemy, podaj, jak możemy się z Tobą skontaktować.' });
    await form.waitFor();
    expect(await visitor.composer.count()).toBe(0);

    await form.getByRole('button', { name: 'Rozpocznij czat' }).click();
    await eventually(() => form.getByText('To pole jest wymagane.').count()).toBe(3);
    await form.getByRole('textbox', { name: 'Imię' }).fill('Ana Pop');
    await form.getByRole('textbox', { name: 'E-mail' }).fill('ana.pop@');
    await form.getByRole('checkbox', { name: 'Zgadzam się z polityką prywatności.' }).check();
    await form.getByRole('button', { name: 'Rozpocznij czat' }).click();
    await form.getByText('Podaj poprawny adres e-mail.').waitFor();
    await form.getByRole('textbox', { name: 'E-mail' }).fill('ana.pop@customer.example.net');
    await form.getByRole('button', { name: 'Rozpocznij czat' }).click();

    await visitor.composer.waitFor();
    await eventually(() => visitor.composer.evaluate((el) => el === document.activeElement)).toBe(true);
    await visitor.say('Dzień dobry, mam pytanie o zwrot.', 'Wysłano');
    const conversationId = await conversationWith(suite.host, 'pytanie o zwrot');
    const detail = (await (await suite.host.request(`/api/v1/conversations/${conversationId}`)).json()) as { contactId: string };
    const contact = (await (await suite.host.request(`/api/v1/contacts/${detail.contactId}`)).json()) as { name: string | null; attributes: Record<string, unknown> };
    expect(contact.name).toBe('Ana Pop');
    expect(contact.attributes).toMatchObject({ 'webchat.email': 'ana.pop@customer.example.net', 'webchat.consent': true });
    // The form is done: after a reload the chat goes straight to the conversation.
    await page.reload();
    await visitor.messages('pytanie o zwrot').waitFor();
    expect(await form.count()).toBe(0);
  });
});
