import { describe, expect, it } from 'vitest';
import { inboxSuite } from './support/e2e-suite';
import { ADMIN, expectPageErrors, signIn } from './support/inbox-host';
import { createTestChannel } from './support/test-channel';

const sms = createTestChannel('channel-sms', 'phone');

describe('signing in and out of the inbox', () => {
  const suite = inboxSuite([sms]);

  it('signs in with email and password and lands on the inbox', async () => {
    const { page } = await suite.open();
    await page.goto(suite.host.url);
    // Signed out: the app sends the visitor to sign in.
    await page.getByRole('heading', { name: 'Sign in to your inbox' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.getByRole('heading', { name: 'Mine', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/mine');
    // An admin also sees the settings.
    await page.getByRole('link', { name: 'Settings' }).waitFor();

    // And signs out from the account menu.
    await page.getByRole('button', { name: /^Account menu for / }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to your inbox' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('switchboard.session') ?? localStorage.getItem('switchboard.session'))).toBeNull();
  });

  it('says so when the password is wrong, and stays on the sign-in page', async () => {
    const watched = await suite.open();
    const { page } = watched;
    await page.goto(`${suite.host.url}/sign-in`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not-the-password');
    // The refused login is the one error this test expects from the page.
    await expectPageErrors(watched, [/HTTP 401 for POST .*\/api\/v1\/auth\/login/, /status of 401/], async () => {
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'That email and password do not match an agent.' }).waitFor();
    });
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    // The form is usable again for the next try.
    expect(await page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
  });

  it('sends the agent back to sign in, with a notice, when the session expires', async () => {
    const watched = await suite.open();
    const { page } = watched;
    await sms.write({ identity: '+15550140', name: 'Imani Okafor' }, 'Is the store open on Sunday?');
    await signIn(page, suite.host.url, '/all');
    await page.getByRole('option', { name: /Is the store open on Sunday\?/ }).click();
    await page.getByRole('textbox', { name: 'Reply' }).waitFor();

    // The server forgets the session (expiry, or a sign-out elsewhere).
    const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('switchboard.session') ?? '{}') as { token?: string }).token);
    expect(token).toBeTruthy();
    const logout = await fetch(`${suite.host.url}/api/v1/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(logout.ok).toBe(true);

    // The next request is answered 401: the one error this test expects.
    await expectPageErrors(watched, [/HTTP 401 for POST .*\/api\/v1\/conversations\/[^/]+\/status/, /status of 401/], async () => {
      await page.getByRole('button', { name: 'Resolve' }).click();
      await page.getByRole('status').filter({ hasText: 'Your session has expired' }).waitFor();
    });
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    // Signing in again returns to the conversation the agent was on.
    const next = new URL(page.url()).searchParams.get('next');
    expect(next).toMatch(/^\/all\/[A-Za-z0-9]+$/);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('log', { name: 'Conversation timeline' }).getByText('Is the store open on Sunday?').waitFor();
    expect(new URL(page.url()).pathname).toBe(next);
  });
});
