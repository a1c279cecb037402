import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticApp } from './static-app';

describe('static app (the inbox build)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swb-static-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves files, deep links and nothing outside its folder', async () => {
    const app = createStaticApp(dir);
    const index = await app.request('/');
    expect(await index.text()).toContain('id="root"');
    const asset = await app.request('/assets/app-1a2b.js');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const deep = await app.request('/conversations/01ABC', { headers: { accept: 'text/html' } });
    expect(await deep.text()).toContain('id="root"');
    expect((await app.request('/assets/missing.js')).status).toBe(404);
    expect((await app.request('/api/v1/anything', { headers: { accept: 'text/html' } })).status).toBe(404);
    expect((await app.request('/../../etc/passwd')).status).not.toBe(200);
    expect((await app.request('/%2e%2e/%2e%2e/etc/passwd', { headers: { accept: 'application/json' } })).status).toBe(404);
  });
});
