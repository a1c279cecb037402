#!/usr/bin/env node
// @ts-check
// Builds the widget into dist/ with esbuild, the layout plugins/channel-webchat serves
// (PROTOCOL.md §0):
//   dist/loader.js            the loader, one classic script (served as BASE/widget.js)
//   dist/index.html           the chat's iframe document (served at BASE/app/index.html)
//   dist/assets/app-<hash>.*  the chat's script and styles, referenced relatively
// `--watch` rebuilds on change.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const app = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: true,
  legalComments: 'none',
  // Browsers of the last few years; the loader runs on every customer's page.
  target: ['chrome100', 'firefox100', 'safari15', 'edge100'],
  logLevel: 'warning',
};

/** Writes index.html pointing at the hashed script and stylesheet esbuild produced. */
function writeIndex(/** @type {string} */ outdir, /** @type {esbuild.Metafile} */ metafile) {
  const outputs = Object.keys(metafile.outputs);
  const js = outputs.find((f) => f.endsWith('.js'));
  const css = outputs.find((f) => f.endsWith('.css'));
  if (!js || !css) throw new Error(`build: the chat bundle is missing its ${js ? 'stylesheet' : 'script'}`);
  const template = readFileSync(join(app, 'src/chat/index.html'), 'utf8');
  const html = template.replace('%APP_CSS%', `./assets/${basename(css)}`).replace('%APP_JS%', `./assets/${basename(js)}`);
  writeFileSync(join(outdir, 'index.html'), html);
}

/**
 * Builds the loader and the chat into `outdir` (emptied first); with `watch`, keeps rebuilding.
 * @param {{ outdir?: string, watch?: boolean }} [options]
 */
export async function buildWidget({ outdir = join(app, 'dist'), watch = false } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  /** @type {esbuild.BuildOptions} */
  const loader = { ...common, entryPoints: [join(app, 'src/loader/loader.ts')], outfile: join(outdir, 'loader.js'), format: 'iife' };
  /** @type {esbuild.BuildOptions} */
  const chat = {
    ...common,
    entryPoints: { app: join(app, 'src/chat/chat-main.tsx') },
    outdir: join(outdir, 'assets'),
    entryNames: '[name]-[hash]',
    format: 'esm',
    // Module scripts are always decoded as UTF-8; the loader stays ASCII for pages in any charset.
    charset: 'utf8',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    metafile: true,
    plugins: [{ name: 'index-html', setup: (build) => build.onEnd((result) => (result.metafile ? writeIndex(outdir, result.metafile) : undefined)) }],
  };
  if (watch) {
    await Promise.all([(await esbuild.context(loader)).watch(), (await esbuild.context(chat)).watch()]);
    console.log(`widget: watching src/ (${outdir} rebuilds on change)`);
  } else {
    await Promise.all([esbuild.build(loader), esbuild.build(chat)]);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildWidget({ watch: process.argv.includes('--watch') });
}
