// `pnpm --filter @switchboard/widget screenshots`: the docs' pictures of the chat widget. Builds
// the widget, starts a real host (nats-server, libSQL file) with channel-webchat and the built
// inbox, serves the demo shop (demo/index.html) on another origin as the browser tests do, plays a
// short conversation between a customer and an agent (fictional names; example.com), and saves the
// open chat on the demo page at 1280×800 and on a phone (390×844) to docs/screenshots/ (or the
// folder given as --out=<dir>).
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, type TestBrowser } from '@switchboard/browser-testing';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import type { Page } from 'playwright-core';
import { visitorPage, type VisitorPage } from './support/visitor-page';
import { startWidgetHost } from './support/widget-host';
import { saveScreenshot } from '../../inbox/e2e/support/screenshot-file';

const here = dirname(fileURLToPath(import.meta.url));
const outFlag = process.argv.slice(2).find((a) => a.startsWith('--out='));
const OUT_DIR = resolve(outFlag ? outFlag.slice('--out='.length) : join(here, '../../../docs/screenshots'));
const DESKTOP = { width: 1280, height: 800 } as const;
const PHONE = { width: 390, height: 844 } as const;
const AGENT = { name: 'Sam Carter', email: 'sam.carter@example.com', password: 'demo-password-0134' };

/** The conversation, in order: what the customer writes in the widget, what the agent answers in the inbox. */
const SCRIPT: Array<{ customer: string } | { agent: string; quickReplies?: string[] }> = [
  { customer: 'Hi! My order #1042 says it is on its way. Can I still change the delivery address?' },
  { agent: 'Hi Dana! Yes — it leaves our warehouse at 4 pm, so there is still time. What is the new address?' },
  { customer: '12 Elm Street, Springfield. Thank you!' },
  { agent: 'Done 🙂 The courier has the new address; the tracking link comes from orders@example.com.', quickReplies: ['That’s all, thanks', 'One more question'] },
];
const CUSTOMER_LINES = SCRIPT.flatMap((step) => ('customer' in step ? [step.customer] : []));

async function api<T>(host: TestHost, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const res = await fetch(`${host.url}/api/v1${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** An agent of the team with a name the widget shows on the replies; returns their token. */
async function createAgent(host: TestHost): Promise<string> {
  await api(host, host.adminToken, 'POST', '/agents', { name: AGENT.name, email: AGENT.email, role: 'agent', password: AGENT.password });
  const { token } = await api<{ token: string }>(host, null, 'POST', '/auth/login', { email: AGENT.email, password: AGENT.password });
  await api(host, token, 'PUT', '/me/presence', { presence: 'online' });
  return token;
}

/** The id of the conversation whose last message is `text`, once the server has it (outside vitest: a plain poll). */
async function conversationEndingWith(host: TestHost, agentToken: string, text: string): Promise<string> {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const { items } = await api<{ items: Array<{ id: string; lastMessageText: string | null }> }>(host, agentToken, 'GET', '/conversations?limit=10');
    const found = items.find((c) => c.lastMessageText === text);
    if (found) return found.id;
  }
  throw new Error(`no conversation with the message "${text}" reached the server`);
}

/** Plays the script: the customer types in the widget, the agent answers (and reads) over the REST API, as the inbox does. */
async function converse(host: TestHost, visitor: VisitorPage, agentToken: string): Promise<void> {
  let conversationId: string | null = null;
  let n = 0;
  for (const step of SCRIPT) {
    if ('customer' in step) {
      await visitor.say(step.customer);
      if (!conversationId) {
        conversationId = await conversationEndingWith(host, agentToken, step.customer);
        // Dana stays on the page: no need to leave an email for a reply.
        await visitor.chat.getByRole('button', { name: 'Dismiss' }).click();
      }
      continue;
    }
    if (!conversationId) throw new Error('the script must start with the customer');
    // The agent opens the conversation before answering: the customer sees "Seen".
    await api(host, agentToken, 'POST', `/conversations/${conversationId}/read`, {});
    const content = step.quickReplies ? { content: { quickReplies: step.quickReplies.map((title, i) => ({ title, payload: `REPLY_${i + 1}` })) } } : {};
    await api(host, agentToken, 'POST', `/conversations/${conversationId}/messages`, { clientMessageId: `screenshot-${++n}`, text: step.agent, ...content });
    await visitor.messages(step.agent.slice(0, 24)).waitFor();
  }
}

/** Waits until the chat shows everything and nothing moves, and takes the focus ring away. */
async function settled(page: Page, visitor: VisitorPage): Promise<void> {
  const last = SCRIPT.at(-1)!;
  if ('quickReplies' in last && last.quickReplies) await visitor.chat.getByRole('button', { name: last.quickReplies[0] }).waitFor();
  await visitor.status(CUSTOMER_LINES.at(-1)!).getByText('Seen').waitFor();
  const chat = page.frames().find((f) => f.url().includes('/app/index.html'));
  for (const frame of [page.mainFrame(), ...(chat ? [chat] : [])]) {
    await frame.evaluate(async () => {
      await document.fonts.ready;
      (document.activeElement as HTMLElement | null)?.blur();
    });
  }
}

function shot(page: Page, name: string): Promise<void> {
  return saveScreenshot(page, OUT_DIR, name);
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const { host, site, stop } = await startWidgetHost([]);
  let browser: TestBrowser | null = null;
  try {
    const agentToken = await createAgent(host);
    browser = await launchBrowser();

    const desktop = await browser.open({ viewport: DESKTOP, locale: 'en-US' });
    desktop.page.setDefaultTimeout(15_000);
    await desktop.page.goto(site.url('page=orders'));
    const visitor = visitorPage(desktop.page);
    await visitor.openChat();
    await converse(host, visitor, agentToken);
    await settled(desktop.page, visitor);
    await shot(desktop.page, 'widget-desktop.png');

    // The same customer on their phone: the site's storage (the session) comes along, the chat
    // resumes the conversation.
    const storageState = await desktop.context.storageState();
    const phone = await browser.open({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US', storageState });
    phone.page.setDefaultTimeout(15_000);
    await phone.page.goto(site.url('page=orders'));
    const onPhone = visitorPage(phone.page);
    await phone.page.getByRole('button', { name: /^Open chat/ }).tap();
    await onPhone.messages(CUSTOMER_LINES[0]!).waitFor();
    await settled(phone.page, onPhone);
    await shot(phone.page, 'widget-phone.png');

    browser.assertClean();
  } finally {
    await browser?.close();
    await stop();
  }
}

main().catch((err: unknown) => {
  console.error('screenshots failed:', err);
  process.exitCode = 1;
});
