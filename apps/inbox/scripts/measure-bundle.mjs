#!/usr/bin/env node
// @ts-check
// Measures the inbox's initial JavaScript: every script index.html loads up front (entry and
// modulepreload), gzipped, against the 250 KB budget of issue #3. Lazy chunks (settings, emoji)
// are listed apart. Run after `vite build`; exits 1 when over budget.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 250 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

let html;
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8');
} catch {
  console.error(`no build at ${dist}; run \`pnpm --filter @switchboard/inbox build\` first`);
  process.exit(1);
}

const initial = new Set();
for (const m of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.js)"[^>]*>/g)) initial.add(m[1].replace(/^\//, ''));

const gz = (/** @type {string} */ file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;

let total = 0;
console.log('initial JavaScript (gzipped):');
for (const file of initial) {
  const size = gz(file);
  total += size;
  console.log(`  ${file}  ${kb(size)}`);
}
const lazy = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') && !initial.has(`assets/${f}`));
if (lazy.length) {
  console.log('loaded on demand:');
  for (const f of lazy) console.log(`  assets/${f}  ${kb(gz(`assets/${f}`))}`);
}
console.log(`initial total: ${kb(total)} of ${kb(BUDGET_BYTES)} budget`);
process.exit(total <= BUDGET_BYTES ? 0 : 1);
