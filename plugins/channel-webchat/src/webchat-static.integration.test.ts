import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestHost } from '@switchboard/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_WIDGETS, startWebchatHost } from './test-helpers/webchat-host';
import { SHOP_ORIGIN, problemOf } from './test-helpers/webchat-test-client';
import { WIDGET_BUILD_COMMAND, isWidgetBuilt, locateWidgetDist } from './webchat-widget-dist';

/** The widget's dist, built first when it is missing (a fresh checkout). */
function builtWidgetDist(): string {
  const dist = locateWidgetDist();
  if (dist === null) throw new Error('the @switchboard/widget package is not installed next to channel-webchat; run pnpm install');
  if (isWidgetBuilt(dist)) return dist;
  try {
    execFileSync('node', [join(dist, '..', 'scripts', 'build.mjs')], { stdio: 'pipe', timeout: 120_000 });
  } catch (cause) {
    throw new Error(`the widget is not built and building it failed; run \`${WIDGET_BUILD_COMMAND}\` and look at its errors`, { cause });
  }
  if (!isWidgetBuilt(dist)) throw new Error(`\`${WIDGET_BUILD_COMMAND}\` ran but ${dist} still lacks loader.js or index.html`);
  return dist;
}

let host: TestHost;
let dist: string;
beforeAll(async () => {
  dist = builtWidgetDist();
  host = await startWebchatHost();
});
afterAll(async () => {
  await host?.stop();
});

const get = (path: string) => fetch(`${host.url}/plugins/channel-webchat${path}`);

describe('serving the widget', () => {
  it('serves the loader as /widget.js from the widget package’s dist', async () => {
    const res = await get('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300');
    expect(await res.text()).toBe(readFileSync(join(dist, 'loader.js'), 'utf8'));
  });

  it('serves the chat iframe only for a known site key, framed only by the widget’s sites', async () => {
    const res = await get(`/app/index.html?site_key=${TEST_WIDGETS.main}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toBe(`frame-ancestors 'self' ${SHOP_ORIGIN}`);
    expect(res.headers.get('Cache-Control')).toBe('no-cache');
    expect(await res.text()).toBe(readFileSync(join(dist, 'index.html'), 'utf8'));
    expect((await get(`/app/?site_key=${TEST_WIDGETS.members}`)).headers.get('Content-Security-Policy')).toBe("frame-ancestors 'self' https://*.members.example");
    await problemOf(await get('/app/index.html'), 404, 'SWB_ERR_WEBCHAT_WIDGET_UNKNOWN');
  });

  it('serves the chat’s hashed assets for a year, and nothing outside the dist', async () => {
    const asset = readdirSync(join(dist, 'assets')).find((name) => name.endsWith('.js'));
    if (!asset) throw new Error(`no script in ${join(dist, 'assets')}`);
    const res = await get(`/app/assets/${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    await problemOf(await get('/app/%2e%2e%2fpackage.json'), 404, 'SWB_ERR_WEBCHAT_NOT_FOUND');
    await problemOf(await get('/app/assets/nope.js'), 404, 'SWB_ERR_WEBCHAT_NOT_FOUND');
  });

  it('serves the demo page embedding the loader with the demo widget’s site key', async () => {
    const res = await get('/demo');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain(`<script async src="/plugins/channel-webchat/widget.js" data-site-key="${TEST_WIDGETS.main}"></script>`);
    expect(html).toContain('Acme support');
  });

  it('answers an unknown visitor API route with a problem, not a page', async () => {
    const res = await fetch(`${host.url}/plugins/channel-webchat/v1/nothing`, { headers: { Origin: SHOP_ORIGIN } });
    await problemOf(res, 404, 'SWB_ERR_WEBCHAT_NOT_FOUND');
  });
});
