#!/usr/bin/env node
// @ts-check
// Measures what the widget costs a customer's visitors, gzipped (level 9), against the budgets of
// issue #4: the loader every page loads (≤ 5 KB) and the chat the loader brings in on first open
// (every script and stylesheet index.html references, ≤ 30 KB). Run after `node scripts/build.mjs`;
// prints a table and exits 1 when a budget is exceeded. `--json` prints the numbers as JSON.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Budgets in bytes, gzipped. */
export const BUDGETS = { loader: 5 * 1024, chat: 30 * 1024 };

/**
 * Gzipped sizes of a widget build.
 * @param {string} dist the build folder
 * @returns {{ loader: number, chat: number, files: Array<{ file: string, bytes: number, gzip: number }> }}
 */
export function measure(dist) {
  const gz = (/** @type {string} */ file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  let html;
  try {
    html = readFileSync(join(dist, 'index.html'), 'utf8');
  } catch (cause) {
    throw new Error(`no widget build at ${dist}; run \`pnpm --filter @switchboard/widget build\` first`, { cause });
  }
  const chatFiles = [...html.matchAll(/(?:src|href)="\.\/([^"]+\.(?:js|css))"/g)].map((m) => /** @type {string} */ (m[1]));
  if (chatFiles.length === 0) throw new Error(`${join(dist, 'index.html')} references no script or stylesheet`);
  const files = [gz('loader.js'), gz('index.html'), ...chatFiles.map(gz)];
  const loader = /** @type {{ gzip: number }} */ (files[0]).gzip;
  const chat = files.slice(1).reduce((sum, f) => sum + f.gzip, 0);
  return { loader, chat, files };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const result = measure(dist);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ ...result, budgets: BUDGETS }));
  } else {
    const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(2)} KB`;
    console.log('file                                  raw        gzip');
    for (const f of result.files) console.log(`${f.file.padEnd(36)}  ${kb(f.bytes).padStart(9)}  ${kb(f.gzip).padStart(9)}`);
    console.log(`loader (every page):                 ${kb(result.loader).padStart(9)} of ${kb(BUDGETS.loader)}`);
    console.log(`chat (on first open, html+js+css):   ${kb(result.chat).padStart(9)} of ${kb(BUDGETS.chat)}`);
  }
  process.exit(result.loader <= BUDGETS.loader && result.chat <= BUDGETS.chat ? 0 : 1);
}
