// `pnpm --filter @switchboard/inbox screenshots`: the README's pictures of the inbox. Starts a real
// host serving the built inbox, seeds a small support team's day (a dozen conversations over SMS,
// WhatsApp and web chat; every name, number and address fictional: +1 555-01xx, example.com),
// and saves desktop (1440×900) and phone (390×844) screenshots, light and dark, to docs/screenshots/
// (or the folder given as --out=<dir>).
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, type TestBrowser } from '@switchboard/browser-testing';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { backdate } from './support/backdate';
import { DESKTOP, PHONE } from './support/viewports';
import { startInboxHost, type InboxHost } from './support/inbox-host';
import { createTestChannel, type TestChannel } from './support/test-channel';
import { saveScreenshot } from './support/screenshot-file';

const here = dirname(fileURLToPath(import.meta.url));
const outFlag = process.argv.slice(2).find((a) => a.startsWith('--out='));
const OUT_DIR = resolve(outFlag ? outFlag.slice('--out='.length) : join(here, '../../../docs/screenshots'));
const PASSWORD = 'demo-password-0134';

const sms = createTestChannel('channel-sms', 'phone', { deliverAs: 'delivered' });
const whatsapp = createTestChannel('channel-whatsapp', 'phone', { deliverAs: 'delivered' });
const webchat = createTestChannel('channel-webchat', 'email', { deliverAs: 'delivered' });

type AgentKey = 'sam' | 'jordan' | 'mina';
const AGENTS: Record<AgentKey, { name: string; email: string; role: 'admin' | 'agent'; presence: 'online' | 'away' | 'offline' }> = {
  sam: { name: 'Sam Carter', email: 'sam.carter@example.com', role: 'admin', presence: 'online' },
  jordan: { name: 'Jordan Lee', email: 'jordan.lee@example.com', role: 'agent', presence: 'online' },
  mina: { name: 'Mina Park', email: 'mina.park@example.com', role: 'agent', presence: 'away' },
};

/** One step of a conversation, `at` minutes before the screenshots are taken. */
type Step =
  | { at: number; customer: string }
  | { at: number; reply: string; by: AgentKey }
  | { at: number; note: string; by: AgentKey }
  | { at: number; assign: AgentKey }
  | { at: number; status: 'resolved' | 'pending' };
type Story = { key: string; channel: TestChannel; customer: { identity: string; name: string }; steps: Step[] };

const dana = { identity: '+15550134', name: 'Dana Reyes' };
const STORIES: Story[] = [
  {
    key: 'dana-last-week',
    channel: sms,
    customer: dana,
    steps: [
      { at: 8642, customer: 'Hi, can I move the delivery slot for order #47120 to Saturday morning?' },
      { at: 8640, assign: 'sam' },
      { at: 8631, reply: 'Done — Saturday 8–12 it is. You will get a text when the driver is on the way.', by: 'sam' },
      { at: 8628, customer: 'Perfect, thanks!' },
      { at: 8627, status: 'resolved' },
    ],
  },
  { key: 'noor', channel: webchat, customer: { identity: 'noor.ali@example.com', name: 'Noor Ali' }, steps: [{ at: 1500, customer: 'Can I add gift wrapping to an order I already placed? It is #48002.' }] },
  {
    key: 'tomas',
    channel: sms,
    customer: { identity: '+15550192', name: 'Tomás Alves' },
    steps: [
      { at: 1102, customer: 'Please cancel my subscription at the end of this month.' },
      { at: 1090, assign: 'mina' },
      { at: 1080, reply: 'Done — it ends on the 30th and you will not be charged again. Sorry to see you go!', by: 'mina' },
    ],
  },
  {
    key: 'hannah',
    channel: whatsapp,
    customer: { identity: '+15550185', name: 'Hannah Schmidt' },
    steps: [
      { at: 722, customer: 'Is the blue enamel kettle back in stock? 😊' },
      { at: 705, assign: 'jordan' },
      { at: 700, reply: 'It is back next Tuesday — shall I reserve one for you?', by: 'jordan' },
      { at: 690, customer: 'Yes please!' },
    ],
  },
  { key: 'ravi', channel: webchat, customer: { identity: 'ravi.patel@example.com', name: 'Ravi Patel' }, steps: [{ at: 480, customer: 'If I switch to the annual plan, do I keep my loyalty points?' }] },
  {
    key: 'grace',
    channel: sms,
    customer: { identity: '+15550171', name: "Grace O'Neill" },
    steps: [
      { at: 331, customer: 'The tracking link in my confirmation email opens an error page.' },
      { at: 320, assign: 'sam' },
      { at: 318, reply: 'Thanks for flagging, Grace — here is the direct link: track.example.com/4QX7. We are fixing the email.', by: 'sam' },
      { at: 312, customer: 'That one works, thank you!' },
    ],
  },
  { key: 'chen', channel: whatsapp, customer: { identity: '+15550163', name: 'Chen Wei' }, steps: [{ at: 262, customer: 'Where can I download the invoice for my last order?' }] },
  {
    key: 'sofia',
    channel: webchat,
    customer: { identity: 'sofia.marin@example.com', name: 'Sofia Marín' },
    steps: [
      { at: 191, customer: 'Do you ship to Canada? How long does it usually take?' },
      { at: 186, assign: 'mina' },
      { at: 184, reply: 'We do — 5 to 8 working days, with tracking. Duties are included at checkout.', by: 'mina' },
    ],
  },
  {
    key: 'omar',
    channel: sms,
    customer: { identity: '+15550158', name: 'Omar Haddad' },
    steps: [
      { at: 133, customer: 'I was charged twice for order #47790. Can you refund one of the payments?' },
      { at: 121, assign: 'mina' },
      { at: 120, note: 'Payment provider shows one authorisation voided; the second charge is real. Escalated to billing.', by: 'mina' },
    ],
  },
  {
    key: 'lena',
    channel: whatsapp,
    customer: { identity: '+15550142', name: 'Lena Fischer' },
    steps: [
      { at: 96, customer: 'Can I return a jacket I bought online in one of your stores?' },
      { at: 90, assign: 'jordan' },
      { at: 88, reply: 'Yes! Bring it with the order email within 30 days and any store takes it back.', by: 'jordan' },
      { at: 80, customer: 'Great. Do I get the refund on my card?' },
      { at: 76, reply: 'Yes, to the card you paid with — usually within 3–5 working days.', by: 'jordan' },
    ],
  },
  { key: 'aiko', channel: webchat, customer: { identity: 'aiko.tanaka@example.com', name: 'Aiko Tanaka' }, steps: [{ at: 41, customer: 'The code SPRING15 is refused at checkout — it says expired, but the email says it is valid until Friday.' }, { at: 39, assign: 'sam' }] },
  {
    key: 'dana',
    channel: whatsapp,
    customer: dana,
    steps: [
      { at: 26, customer: "Hi! Order #48213 says delivered but there's nothing at my door 😕" },
      { at: 24, assign: 'sam' },
      { at: 22, reply: "Sorry about that, Dana! I'm checking with the courier right now.", by: 'sam' },
      { at: 15, note: 'Courier GPS shows the drop-off at no. 12 instead of 21. Asked them to retrieve it today.', by: 'sam' },
      { at: 12, reply: "The courier left it at number 12 by mistake. They'll collect it and bring it to you before 6 pm today.", by: 'sam' },
      { at: 3, customer: "Thank you so much! It's a birthday present, so that really helps 🙏" },
    ],
  },
  { key: 'marcus', channel: sms, customer: { identity: '+15550117', name: 'Marcus Webb' }, steps: [{ at: 7, customer: 'Is the Elm Street store open on Sunday? And until what time?' }] },
];

async function api<T>(host: InboxHost, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const res = await fetch(`${host.url}/api/v1${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Seeds the agents and the stories; returns the agents' tokens and each story's conversation id. */
async function seed(host: InboxHost): Promise<{ tokens: Record<AgentKey, string>; ids: Record<string, string>; agentIds: Record<AgentKey, string> }> {
  const tokens = {} as Record<AgentKey, string>;
  const agentIds = {} as Record<AgentKey, string>;
  for (const [key, agent] of Object.entries(AGENTS) as Array<[AgentKey, (typeof AGENTS)[AgentKey]]>) {
    const created = await api<{ id: string }>(host, host.adminToken, 'POST', '/agents', { name: agent.name, email: agent.email, role: agent.role, password: PASSWORD });
    agentIds[key] = created.id;
    tokens[key] = (await api<{ token: string }>(host, null, 'POST', '/auth/login', { email: agent.email, password: PASSWORD })).token;
    await api(host, tokens[key], 'PUT', '/me/presence', { presence: agent.presence });
  }
  const ids: Record<string, string> = {};
  const times = new Map<string, string>();
  const now = Date.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  let n = 0;
  // Oldest story first, so the journal's order matches the story's.
  for (const story of STORIES) {
    for (const step of story.steps) {
      const id = ids[story.key];
      if ('customer' in step) {
        const result = await story.channel.write(story.customer, step.customer);
        ids[story.key] = result.conversationId;
        times.set(result.messageId, at(step.at));
      } else if (!id) {
        throw new Error(`story ${story.key} must start with the customer`);
      } else if ('reply' in step) {
        const { message } = await api<{ message: { id: string } }>(host, tokens[step.by], 'POST', `/conversations/${id}/messages`, { clientMessageId: `demo-${++n}`, text: step.reply });
        times.set(message.id, at(step.at));
      } else if ('note' in step) {
        const { note } = await api<{ note: { id: string } }>(host, tokens[step.by], 'POST', `/conversations/${id}/notes`, { clientMessageId: `demo-${++n}`, text: step.note });
        times.set(note.id, at(step.at));
      } else if ('assign' in step) {
        await api(host, tokens.sam, 'POST', `/conversations/${id}/assign`, { agentId: agentIds[step.assign] });
      } else {
        await api(host, tokens.sam, 'POST', `/conversations/${id}/status`, { status: step.status });
      }
    }
  }
  // Replies are delivered by the channels in the background; wait until all of them are.
  const replies = STORIES.flatMap((s) => s.steps.filter((st) => 'reply' in st)).length;
  const deadline = Date.now() + 15_000;
  while (sms.delivered.length + whatsapp.delivered.length + webchat.delivered.length < replies) {
    if (Date.now() > deadline) throw new Error('the demo replies were not delivered');
    await new Promise((r) => setTimeout(r, 50));
  }
  // Sam has seen Grace's thank-you; the rest of the team's conversations are new to him. (A server
  // without read tracking answers 404: then every row simply shows as unread.)
  const read = await fetch(`${host.url}/api/v1/conversations/${ids.grace}/read`, { method: 'POST', headers: { authorization: `Bearer ${tokens.sam}`, 'content-type': 'application/json' }, body: '{}' });
  if (!read.ok && read.status !== 404) throw new Error(`marking read: ${read.status} ${await read.text()}`);
  await backdate(host.databaseUrl, times);
  return { tokens, ids, agentIds };
}

/** A signed-in page as Sam, with the theme of the context. */
async function openAs(browser: TestBrowser, token: string, options: BrowserContextOptions): Promise<Page> {
  // Notifications allowed already: the one-time offer to turn them on is not what the pictures are about.
  const { page, context } = await browser.open({ locale: 'en-US', permissions: ['notifications'], ...options });
  page.setDefaultTimeout(15_000);
  const session = JSON.stringify({ token, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
  await context.addInitScript((value) => sessionStorage.setItem('switchboard.session', value), session);
  return page;
}

/** Waits until the visible rows show their contacts' names and nothing is loading. */
async function settled(page: Page): Promise<void> {
  await page.getByRole('listbox', { name: /conversations$/ }).getByRole('option').first().waitFor();
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[role="listbox"] [role="option"]')];
    const busy = document.querySelector('[aria-busy="true"]');
    return rows.length > 0 && !busy && rows.every((r) => !(r.getAttribute('aria-label') ?? '').startsWith('Conversation'));
  });
  await page.evaluate(() => document.fonts.ready);
  // Whatever has focus (a row, the composer) shows no caret or ring in a picture.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

function shot(page: Page, name: string): Promise<void> {
  return saveScreenshot(page, OUT_DIR, name);
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const host = await startInboxHost([sms, whatsapp, webchat]);
  let browser: TestBrowser | null = null;
  try {
    const { tokens, ids } = await seed(host);
    browser = await launchBrowser();
    const dana = ids.dana!;

    for (const scheme of ['light', 'dark'] as const) {
      const page = await openAs(browser, tokens.sam, { viewport: DESKTOP, colorScheme: scheme });
      await page.goto(`${host.url}/all/${dana}`);
      await page.getByRole('log', { name: 'Conversation timeline' }).getByText('birthday present').waitFor();
      await page.getByRole('complementary', { name: 'Contact' }).getByRole('link', { name: /^Earlier conversation/ }).waitFor();
      await settled(page);
      await shot(page, scheme === 'light' ? 'conversation-desktop.png' : 'conversation-dark.png');
      if (scheme === 'light') {
        await page.goto(`${host.url}/all`);
        await page.getByRole('region', { name: 'No conversation open' }).waitFor();
        await settled(page);
        await shot(page, 'inbox-desktop.png');
        await page.goto(`${host.url}/settings/agents`);
        await page.getByRole('tabpanel').getByText('mina.park@example.com').waitFor();
        await page.evaluate(() => document.fonts.ready);
        await shot(page, 'settings-desktop.png');
      }
    }

    const phone = await openAs(browser, tokens.sam, { viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'light' });
    await phone.goto(`${host.url}/all`);
    await settled(phone);
    await shot(phone, 'inbox-phone.png');
    await phone.getByRole('option', { name: /^Dana Reyes/ }).tap();
    await phone.getByRole('log', { name: 'Conversation timeline' }).getByText('birthday present').waitFor();
    await phone.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await shot(phone, 'conversation-phone.png');

    browser.assertClean();
  } finally {
    await browser?.close();
    await host.stop();
  }
}

main().catch((err: unknown) => {
  console.error('screenshots failed:', err);
  process.exitCode = 1;
});
