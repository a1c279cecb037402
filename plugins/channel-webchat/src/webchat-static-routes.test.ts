import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { WebchatConfigSchema } from './webchat-config';
import { createWidgetRegistry } from './webchat-guard';
import { createStaticRoutes } from './webchat-static-routes';
import type { Logger } from '@switchboard/plugin-sdk';

const quiet: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {}, child: () => quiet };
const config = v.parse(WebchatConfigSchema, { widgets: [{ id: 'main', siteKey: 'wk_static_1', allowedOrigins: ['*'] }] });
const widgets = createWidgetRegistry(config.widgets);
const root = mkdtempSync(join(tmpdir(), 'webchat-dist-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('static routes without a built widget', () => {
  it('answer 503 naming the build command, and serve once the build appears', async () => {
    const dist = join(root, 'dist');
    const routes = createStaticRoutes({ widgets, locateDist: () => dist, demoWidget: null, logger: quiet });
    const missing = await routes.request('/widget.js');
    expect(missing.status).toBe(503);
    expect(((await missing.json()) as { code: string; detail: string }).detail).toContain('pnpm --filter @switchboard/widget build');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'loader.js'), 'console.log(1)');
    writeFileSync(join(dist, 'index.html'), '<!doctype html>');
    expect((await routes.request('/widget.js')).status).toBe(200);
    // A wildcard widget may be framed anywhere; the demo is off.
    expect((await routes.request('/app/index.html?site_key=wk_static_1')).headers.get('Content-Security-Policy')).toBe('frame-ancestors *');
    expect((await routes.request('/demo')).status).toBe(404);
  });
});
