import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeUserHash } from './webchat-identity';
import { TEST_WIDGETS, identityFixture, startWebchatHost } from './test-helpers/webchat-host';
import { SHOP_ORIGIN, call, json, problemOf, sendText, startSession, type Session, type WireMessage } from './test-helpers/webchat-test-client';

let host: TestHost;
beforeAll(async () => {
  host = await startWebchatHost();
});
afterAll(async () => {
  await host?.stop();
});

const fixture = identityFixture();
const dana = { external_id: fixture.external_id, name: 'Dana Example', user_hash: fixture.expected_user_hash };

type Contact = { id: string; identities: Array<{ type: string; value: string }>; details: Array<{ type: string; value: string }>; attributes: Record<string, unknown>; conversations: Array<{ id: string }> };

async function contactOfConversation(conversationId: string): Promise<Contact> {
  const conversation = await json<{ contactId?: string; contact?: { id: string } }>(await host.request(`/api/v1/conversations/${conversationId}`), 200);
  const contactId = conversation.contactId ?? conversation.contact?.id;
  return json<Contact>(await host.request(`/api/v1/contacts/${contactId}`), 200);
}

describe('widget config', () => {
  it('serves the public config with the locale, proactive rules and availability', async () => {
    const res = await call(host.url, `/v1/widgets/${TEST_WIDGETS.main}`);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(SHOP_ORIGIN);
    const body = await json<{ widget: Record<string, unknown>; availability: Record<string, unknown> }>(res, 200);
    expect(body.widget).toMatchObject({
      site_key: TEST_WIDGETS.main,
      name: 'Acme support',
      locale: 'pl',
      greeting: 'Cześć! W czym pomóc?',
      position: 'bottom-right',
      colors: { primary: '#1f6feb', on_primary: '#ffffff' },
      proactive: [{ id: 'pricing-help', url_pattern: '*/pricing*', after_seconds: 20, returning_visitor: null, message: 'Questions about plans?' }],
      csat: { enabled: true },
      notifications: { sound: true, browser: false },
      attachments: { enabled: true, max_bytes: 2048, types: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'] },
      pre_chat: { mode: 'off' },
    });
    expect(body.availability).toEqual({ online: true, next_open_at: null, expected_reply_minutes: 5, timezone: null });
    await problemOf(await call(host.url, '/v1/widgets/wk_nobody_has_it'), 404, 'SWB_ERR_WEBCHAT_WIDGET_UNKNOWN');
  });
});

describe('origins', () => {
  it('refuses a foreign origin with 403 and no CORS headers, and a request naming no origin at all', async () => {
    const foreign = await call(host.url, '/v1/sessions', { body: { site_key: TEST_WIDGETS.main }, origin: 'https://evil.example' });
    expect(foreign.headers.get('Access-Control-Allow-Origin')).toBeNull();
    await problemOf(foreign, 403, 'SWB_ERR_WEBCHAT_ORIGIN_FORBIDDEN');
    await problemOf(await call(host.url, '/v1/sessions', { body: { site_key: TEST_WIDGETS.main }, origin: null }), 403, 'SWB_ERR_WEBCHAT_ORIGIN_FORBIDDEN');
    const preflight = await call(host.url, '/v1/messages', { method: 'OPTIONS', origin: 'https://evil.example', headers: { 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('answers preflights of allowed sites, takes Referer when Origin is absent, and lets the server’s own pages in', async () => {
    const preflight = await call(host.url, '/v1/messages', { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe(SHOP_ORIGIN);
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toContain('Authorization');
    const byReferer = await call(host.url, `/v1/widgets/${TEST_WIDGETS.main}`, { origin: null, headers: { Referer: `${SHOP_ORIGIN}/pricing?x=1` } });
    expect(byReferer.status).toBe(200);
    const fromIframe = await call(host.url, `/v1/widgets/${TEST_WIDGETS.main}`, { origin: host.url });
    expect(fromIframe.status).toBe(200);
    expect(fromIframe.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('refuses a site allowed for one widget on another widget, matching wildcard subdomains', async () => {
    await problemOf(await call(host.url, `/v1/widgets/${TEST_WIDGETS.members}`), 403, 'SWB_ERR_WEBCHAT_ORIGIN_FORBIDDEN');
    expect((await call(host.url, `/v1/widgets/${TEST_WIDGETS.members}`, { origin: 'https://eu.members.example' })).status).toBe(200);
    await problemOf(await call(host.url, `/v1/widgets/${TEST_WIDGETS.members}`, { origin: 'https://members.example' }), 403, 'SWB_ERR_WEBCHAT_ORIGIN_FORBIDDEN');
  });
});

describe('sessions', () => {
  it('creates an anonymous session, resumes it with its token, and keeps the conversation', async () => {
    const created = await startSession(host.url, TEST_WIDGETS.main);
    expect(created).toMatchObject({ resumed: false, returning: false, verified: false, user: null, conversation: null, last_seq: 0, unread: 0, pre_chat: { mode: 'off', completed: true }, csat: { pending: null } });
    expect(created.session_token).toMatch(/^wcs_[A-Za-z0-9_-]{43}$/);
    expect(created.widget.locale).toBe('pl');
    const message = await sendText(host.url, created.session_token, 'hello');
    const resumed = await startSession(host.url, TEST_WIDGETS.main, { token: created.session_token });
    expect(resumed).toMatchObject({ session_token: created.session_token, visitor_id: created.visitor_id, resumed: true, conversation: { id: message.conversation_id, status: 'open' }, last_seq: message.seq });
  });

  it('answers 401 to a forged, missing or revoked token, and a token of another widget', async () => {
    const forged = await call(host.url, '/v1/messages', { token: `wcs_${'A'.repeat(43)}` });
    expect(forged.headers.get('WWW-Authenticate')).toContain('invalid_token');
    await problemOf(forged, 401, 'SWB_ERR_WEBCHAT_TOKEN_INVALID');
    await problemOf(await call(host.url, '/v1/messages'), 401, 'SWB_ERR_WEBCHAT_UNAUTHENTICATED');
    await problemOf(await call(host.url, '/v1/sessions', { token: 'wcs_forged', body: { site_key: TEST_WIDGETS.main } }), 401, 'SWB_ERR_WEBCHAT_TOKEN_INVALID');
    const session = await startSession(host.url, TEST_WIDGETS.main);
    await problemOf(await call(host.url, '/v1/sessions', { token: session.session_token, body: { site_key: TEST_WIDGETS.short } }), 401, 'SWB_ERR_WEBCHAT_TOKEN_INVALID');
    expect((await call(host.url, '/v1/sessions/current', { method: 'DELETE', token: session.session_token })).status).toBe(204);
    await problemOf(await call(host.url, '/v1/messages', { token: session.session_token }), 401, 'SWB_ERR_WEBCHAT_TOKEN_INVALID');
  });

  it('answers 401 TOKEN_EXPIRED once a token outlives the widget’s session lifetime', async () => {
    const session = await startSession(host.url, TEST_WIDGETS.short);
    expect((await call(host.url, '/v1/messages', { token: session.session_token })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await problemOf(await call(host.url, '/v1/messages', { token: session.session_token }), 401, 'SWB_ERR_WEBCHAT_TOKEN_EXPIRED');
    await problemOf(await call(host.url, '/v1/sessions', { token: session.session_token, body: { site_key: TEST_WIDGETS.short } }), 401, 'SWB_ERR_WEBCHAT_TOKEN_EXPIRED');
  });
});

describe('verified identity', () => {
  it('refuses a wrong user_hash with 401 and stores nothing; the visitor stays as they were', async () => {
    const anonymous = await startSession(host.url, TEST_WIDGETS.main);
    const wrong = await call(host.url, '/v1/sessions', {
      token: anonymous.session_token,
      body: { site_key: TEST_WIDGETS.main, user: { external_id: fixture.negative.external_id, user_hash: fixture.negative.user_hash_of_cust_000042 } },
    });
    await problemOf(wrong, 401, 'SWB_ERR_WEBCHAT_USER_HASH_INVALID');
    const after = await startSession(host.url, TEST_WIDGETS.main, { token: anonymous.session_token });
    expect(after).toMatchObject({ visitor_id: anonymous.visitor_id, verified: false, user: null });
    await problemOf(await call(host.url, '/v1/sessions', { body: { site_key: TEST_WIDGETS.main, user: { external_id: 'cust_000099', user_hash: fixture.expected_user_hash } } }), 401, 'SWB_ERR_WEBCHAT_USER_HASH_INVALID');
  });

  it('verifies a signed user, links them as web_user and gives another device the same history', async () => {
    const laptop = await startSession(host.url, TEST_WIDGETS.main, { user: { ...dana, external_id: 'cust_laptop_1', user_hash: computeUserHash(fixture.secret, 'cust_laptop_1') } });
    expect(laptop).toMatchObject({ verified: true, user: { external_id: 'cust_laptop_1', name: 'Dana Example', email: null, email_verified: false } });
    const first = await sendText(host.url, laptop.session_token, 'from the laptop');
    const contact = await contactOfConversation(first.conversation_id);
    expect(contact.identities).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'web_user', value: 'cust_laptop_1' }), expect.objectContaining({ type: 'web_visitor', value: laptop.visitor_id })]));
    const phone = await startSession(host.url, TEST_WIDGETS.main, { user: { external_id: 'cust_laptop_1', user_hash: computeUserHash(fixture.secret, 'cust_laptop_1') }, expect: 200 });
    expect(phone.visitor_id).toBe(laptop.visitor_id);
    expect(phone.session_token).not.toBe(laptop.session_token);
    const history = await json<{ messages: WireMessage[] }>(await call(host.url, '/v1/messages', { token: phone.session_token }), 200);
    expect(history.messages.map((m) => m.text)).toEqual(['from the laptop']);
  });

  it('upgrades an anonymous visitor who signs in, and never shows a signed-in visitor’s chat to the next user', async () => {
    const anonymous = await startSession(host.url, TEST_WIDGETS.main);
    await sendText(host.url, anonymous.session_token, 'before signing in');
    const signedIn = await startSession(host.url, TEST_WIDGETS.main, { token: anonymous.session_token, user: { external_id: 'cust_upgrade_1', user_hash: computeUserHash(fixture.secret, 'cust_upgrade_1') } });
    expect(signedIn).toMatchObject({ visitor_id: anonymous.visitor_id, session_token: anonymous.session_token, verified: true });
    const nextUser = await startSession(host.url, TEST_WIDGETS.main, { token: anonymous.session_token, user: { external_id: 'cust_other_2', user_hash: computeUserHash(fixture.secret, 'cust_other_2') }, expect: 201 });
    expect(nextUser.visitor_id).not.toBe(anonymous.visitor_id);
    expect(nextUser.last_seq).toBe(0);
  });

  it('links to another channel’s contact by a signed email, but only suggests an unsigned one', async () => {
    const email = 'dana.verified@customer.example.net';
    const mail = await json<{ contactId: string }>(await fetch(`${host.url}/plugins/channel-mail-test/inbound`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ from: email, id: 'mail-1', text: 'Order question by email' }) }), 200);
    const signed = await startSession(host.url, TEST_WIDGETS.main, {
      user: { external_id: 'cust_mail_1', user_hash: computeUserHash(fixture.secret, 'cust_mail_1'), email: 'Dana.Verified@customer.example.net', email_hash: computeUserHash(fixture.secret, email) },
    });
    expect(signed.user).toMatchObject({ email, email_verified: true });
    const message = await sendText(host.url, signed.session_token, 'now in the chat');
    const contact = await contactOfConversation(message.conversation_id);
    expect(contact.id).toBe(mail.contactId);
    expect(contact.identities.map((i) => `${i.type}:${i.value}`)).toEqual(expect.arrayContaining([`email:${email}`, 'web_user:cust_mail_1', `web_visitor:${signed.visitor_id}`]));

    const unsignedEmail = 'someone.else@customer.example.net';
    await fetch(`${host.url}/plugins/channel-mail-test/inbound`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ from: unsignedEmail, id: 'mail-2', text: 'hello' }) });
    const claimed = await startSession(host.url, TEST_WIDGETS.main, { user: { external_id: 'cust_mail_2', user_hash: computeUserHash(fixture.secret, 'cust_mail_2'), email: unsignedEmail } });
    expect(claimed.user).toMatchObject({ email: unsignedEmail, email_verified: false });
    const claimedMessage = await sendText(host.url, claimed.session_token, 'hi');
    const claimedContact = await contactOfConversation(claimedMessage.conversation_id);
    expect(claimedContact.identities.map((i) => i.type)).not.toContain('email');
    expect(claimedContact.details).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'email', value: unsignedEmail })]));
    await problemOf(
      await call(host.url, '/v1/sessions', { body: { site_key: TEST_WIDGETS.main, user: { external_id: 'cust_mail_3', user_hash: computeUserHash(fixture.secret, 'cust_mail_3'), email: 'x@example.net', email_hash: computeUserHash(fixture.secret, 'y@example.net') } } }),
      401,
      'SWB_ERR_WEBCHAT_USER_HASH_INVALID',
    );
  });

  it('serves a widget with identity.required only to signed-in users, namespacing their ids', async () => {
    const origin = 'https://shop.members.example';
    await problemOf(await call(host.url, '/v1/sessions', { origin, body: { site_key: TEST_WIDGETS.members } }), 403, 'SWB_ERR_WEBCHAT_IDENTITY_REQUIRED');
    const res = await call(host.url, '/v1/sessions', { origin, body: { site_key: TEST_WIDGETS.members, user: { external_id: 'cust_000042', user_hash: fixture.expected_user_hash } } });
    const member = await json<Session>(res, 201);
    expect(member.user?.external_id).toBe('cust_000042');
    const sent = await json<{ message: WireMessage }>(await call(host.url, '/v1/messages', { origin, token: member.session_token, body: { echo_id: 'm1', text: 'member here' } }), 201);
    const contact = await contactOfConversation(sent.message.conversation_id);
    expect(contact.identities.map((i) => `${i.type}:${i.value}`)).toContain('web_user:acme:cust_000042');
  });
});

describe('pre-chat form and leaving an email', () => {
  it('requires the form before the first message, validates it, and passes the email as an unverified hint', async () => {
    const session = await startSession(host.url, TEST_WIDGETS.gated);
    expect(session.pre_chat).toEqual({ mode: 'required', completed: false });
    await problemOf(await call(host.url, '/v1/messages', { token: session.session_token, body: { echo_id: 'early', text: 'hi' } }), 409, 'SWB_ERR_WEBCHAT_PRECHAT_REQUIRED');
    const incomplete = await problemOf(await call(host.url, '/v1/profile', { token: session.session_token, body: { name: 'Dana' } }), 422, 'SWB_ERR_WEBCHAT_INVALID_BODY');
    expect(incomplete.errors?.map((e) => e.path)).toEqual(['email', 'consent']);
    await problemOf(await call(host.url, '/v1/profile', { token: session.session_token, body: { email: 'not-an-email', consent: true } }), 422, 'SWB_ERR_WEBCHAT_INVALID_BODY');
    const done = await json<{ pre_chat: { completed: boolean }; user: { email: string } }>(await call(host.url, '/v1/profile', { token: session.session_token, body: { name: 'Dana', email: 'dana.prechat@customer.example.net', consent: true } }), 200);
    expect(done).toMatchObject({ pre_chat: { completed: true }, user: { email: 'dana.prechat@customer.example.net', email_verified: false } });
    const message = await sendText(host.url, session.session_token, 'Where is my order?');
    const contact = await contactOfConversation(message.conversation_id);
    expect(contact.identities.map((i) => i.type)).toEqual(['web_visitor']);
    expect(contact.details).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'email', value: 'dana.prechat@customer.example.net' })]));
    expect(contact.attributes).toMatchObject({ 'webchat.email': 'dana.prechat@customer.example.net', 'webchat.name': 'Dana', 'webchat.consent': true });
  });

  it('tells agents at once in a private note when a visitor in a conversation leaves an email', async () => {
    const session = await startSession(host.url, TEST_WIDGETS.main);
    const message = await sendText(host.url, session.session_token, 'anyone there?');
    await json(await call(host.url, '/v1/profile', { token: session.session_token, body: { email: 'later@customer.example.net' } }), 200);
    const items = (await json<{ items: Array<{ private: boolean; text: string }> }>(await host.request(`/api/v1/conversations/${message.conversation_id}/messages`), 200)).items;
    expect(items.filter((m) => m.private).map((m) => m.text)).toEqual(['The visitor left an email for a reply: later@customer.example.net (typed into the web chat, not verified).']);
  });
});

describe('rate limits', () => {
  it('refuses a message flood from one visitor with 429 and Retry-After, other visitors unaffected', async () => {
    const flooder = await startSession(host.url, TEST_WIDGETS.tight);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i++) {
      const res = await call(host.url, '/v1/messages', { token: flooder.session_token, body: { echo_id: `flood-${i}`, text: `spam ${i}` } });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get('Retry-After');
        await problemOf(res, 429, 'SWB_ERR_WEBCHAT_RATE_LIMITED');
      }
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    const calm = await startSession(host.url, TEST_WIDGETS.tight);
    expect((await call(host.url, '/v1/messages', { token: calm.session_token, body: { echo_id: 'calm-1', text: 'hello' } })).status).toBe(201);
  });

  it('refuses more new sessions per address than the widget allows', async () => {
    // Two sessions of the tight widget were created above.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(host.url, '/v1/sessions', { body: { site_key: TEST_WIDGETS.tight } })).status);
    expect(statuses).toEqual([201, 201, 429]);
  });
});
