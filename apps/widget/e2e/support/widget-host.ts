import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { AnyPluginDefinition } from '@switchboard/plugin-sdk';
import { startTestHost, type TestHost } from '@switchboard/plugin-sdk/testing';
import { requireInboxBuild } from '../../../inbox/e2e/support/inbox-host';
import type { TestChannel } from '../../../inbox/e2e/support/test-channel';
import { requireWidgetBuild } from './widget-build';

/** The widgets the tests embed: `main` answers within business hours, `away` never has anyone in, `form` asks who you are first (in Polish). */
export const SITE_KEYS = { main: 'wk_e2e_main_0001', away: 'wk_e2e_away_0001', form: 'wk_e2e_form_0001' } as const;
export type Site = keyof typeof SITE_KEYS;

/** The proactive rule of `main`: on the pricing page, after a second. */
export const PRICING_INVITATION = 'Questions about our plans? We are here to help.';

const FIXTURES = new URL('../../../../plugins/channel-webchat/fixtures/webchat/', import.meta.url);

/**
 * The identity-verification example of the shared fixtures (`ours_suggested`): the secret, a
 * user and their hash as the site's backend computes it, and a hash of someone else.
 */
export function identityFixture(): { secret: string; externalId: string; userHash: string; otherExternalId: string; otherUsersHash: string } {
  const file = new URL('identity-hmac-examples.json', FIXTURES);
  if (!existsSync(fileURLToPath(file))) throw new Error(`the web chat fixtures are missing: ${fileURLToPath(file)} (plugins/channel-webchat/fixtures/webchat)`);
  const ours = (JSON.parse(readFileSync(file, 'utf8')) as { ours_suggested: { secret: string; external_id: string; expected_user_hash: string; negative: { external_id: string; user_hash_of_cust_000042: string } } }).ours_suggested;
  return { secret: ours.secret, externalId: ours.external_id, userHash: ours.expected_user_hash, otherExternalId: ours.negative.external_id, otherUsersHash: ours.negative.user_hash_of_cust_000042 };
}

/** The demo customer site (apps/widget/demo/index.html) on its own port: another origin than the chat server. */
export type DemoSite = {
  origin: string;
  url(query?: string, site?: Site): string;
  /** The same page at `127.0.0.1`: another origin, one no widget allows. */
  unlistedUrl(query?: string): string;
  stop(): Promise<void>;
};

/**
 * Serves the demo page with the loader's URL and a widget's site key filled in (`?site=away`
 * picks the other widget). Another port on `localhost`, while the chat server is on `127.0.0.1`:
 * the chat iframe is cross-site, as on a real customer's site.
 */
async function startDemoSite(widgetSrc: () => string): Promise<DemoSite> {
  const template = readFileSync(fileURLToPath(new URL('../../demo/index.html', import.meta.url)), 'utf8');
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    if (url.pathname !== '/') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const site = (url.searchParams.get('site') ?? 'main') as Site;
    const html = template.replaceAll('%WIDGET_SRC%', widgetSrc()).replaceAll('%SITE_KEY%', SITE_KEYS[site] ?? SITE_KEYS.main);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://localhost:${port}`;
  return {
    origin,
    unlistedUrl: (query = '') => `http://127.0.0.1:${port}/?${query}`,
    url: (query = '', site = 'main') => `${origin}/?${new URLSearchParams([...(site === 'main' ? [] : [['site', site]]), ...new URLSearchParams(query)]).toString()}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The channel-webchat plugin, loaded at run time (a workspace dependency would be a cycle: it serves this package). */
async function loadWebchatPlugin(): Promise<AnyPluginDefinition> {
  const specifier = new URL('../../../../plugins/channel-webchat/src/index.ts', import.meta.url).href;
  return ((await import(specifier)) as { default: AnyPluginDefinition }).default;
}

/** A real Switchboard with the web chat and the built inbox, and the demo site that embeds the widget. */
export type WidgetHost = { host: TestHost; site: DemoSite; stop(): Promise<void> };

/**
 * Starts the demo site, then a real host (own nats-server and libSQL file) serving the built
 * inbox, channel-webchat with two widgets allowed on the demo site, and the given test channels.
 *
 * @example
 * const { host, site } = await startWidgetHost([]);
 * await page.goto(site.url('page=orders'));
 */
export async function startWidgetHost(channels: readonly TestChannel[]): Promise<WidgetHost> {
  requireWidgetBuild();
  let base = '';
  const site = await startDemoSite(() => `${base}/plugins/channel-webchat/widget.js`);
  const identity = identityFixture();
  // Every browser of the tests comes from 127.0.0.1: the per-IP limits are for the internet.
  const rateLimits = { sessionsPerIp: 10_000, requestsPerIp: 100_000 };
  const common = { allowedOrigins: [site.origin], csat: { enabled: true }, attachments: { enabled: true, maxBytes: 5 * 1024 * 1024 }, rateLimits };
  const host = await startTestHost({
    inboxDir: requireInboxBuild(),
    delivery: { maxAttempts: 4, backoffMs: [100, 200, 400] },
    plugins: [
      {
        definition: await loadWebchatPlugin(),
        options: {
          widgets: [
            {
              ...common,
              id: 'main',
              name: 'Acme Outdoor',
              siteKey: SITE_KEYS.main,
              colors: { primary: '#0b7a53' },
              launcherText: 'Chat with us',
              greeting: 'Hi! Ask us anything about your order.',
              expectedReplyMinutes: 5,
              proactive: [{ id: 'pricing-help', urlPattern: '*page=pricing*', afterSeconds: 1, message: PRICING_INVITATION }],
            },
            // No business hours in the week: nobody is ever in.
            { ...common, id: 'away', name: 'Acme Night Desk', siteKey: SITE_KEYS.away, businessHours: { timezone: 'Europe/Warsaw', weekly: [] } },
            {
              ...common,
              id: 'form',
              name: 'Acme Polska',
              siteKey: SITE_KEYS.form,
              locale: 'pl',
              preChat: { mode: 'required', name: 'required', email: 'required', consent: 'required', consentText: 'Zgadzam się z polityką prywatności.' },
            },
          ],
        },
        secrets: { identitySecrets: identity.secret },
      },
      ...channels.map((c) => ({ definition: c.definition })),
    ],
  });
  base = host.url;
  return {
    host,
    site,
    async stop() {
      await host.stop();
      await site.stop();
    },
  };
}
