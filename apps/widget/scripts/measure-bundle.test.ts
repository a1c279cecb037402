import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM scripts with JSDoc types, no declaration files
import { buildWidget } from './build.mjs';
// @ts-expect-error -- plain ESM scripts with JSDoc types, no declaration files
import { BUDGETS, measure } from './measure-bundle.mjs';

type Measured = { loader: number; chat: number; files: { file: string; bytes: number; gzip: number }[] };

describe('the widget bundle budget (issue #4)', () => {
  // A build of its own: dist/ may be in use by the browser tests running beside this one.
  const outdir = mkdtempSync(join(tmpdir(), 'widget-budget-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('keeps the loader within 5 KB and the chat within 30 KB, gzipped', async () => {
    await (buildWidget as (o: { outdir: string }) => Promise<void>)({ outdir });
    const result = (measure as (dir: string) => Measured)(outdir);
    const budgets = BUDGETS as { loader: number; chat: number };
    // The chat is really there: a script and a stylesheet besides the html.
    expect(result.files.map((f) => f.file)).toEqual(['loader.js', 'index.html', expect.stringMatching(/^assets\/app-\w+\.css$/), expect.stringMatching(/^assets\/app-\w+\.js$/)]);
    expect(result.loader, `loader is ${result.loader} B gzipped`).toBeLessThanOrEqual(budgets.loader);
    expect(result.chat, `chat is ${result.chat} B gzipped`).toBeLessThanOrEqual(budgets.chat);
  });
});
