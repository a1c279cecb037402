import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The widget's production build the tests load (`pnpm --filter @switchboard/widget build`). */
export const WIDGET_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist');

let warned = false;

/**
 * Throws with the command to run when the widget is not built, so a missing build never looks
 * like a broken widget; warns once when a source changed after the build (the tests then drive
 * the code as it was built).
 *
 * @example
 * requireWidgetBuild();
 */
export function requireWidgetBuild(): void {
  const build = 'Run `pnpm --filter @switchboard/widget build` first (`npm test` does).';
  const loader = join(WIDGET_DIST, 'loader.js');
  if (!existsSync(loader) || !existsSync(join(WIDGET_DIST, 'index.html'))) throw new Error(`no widget build in ${WIDGET_DIST}. ${build}`);
  const builtAt = statSync(loader).mtimeMs;
  const app = join(WIDGET_DIST, '..');
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.test\.tsx?$/.test(e.name) ? [] : [join(dir, e.name)]));
  const newer = walk(join(app, 'src')).find((f) => statSync(f).mtimeMs > builtAt);
  if (newer && !warned) {
    warned = true;
    console.warn(`warning: the widget build is older than ${relative(app, newer)}; the tests drive the code as it was built. ${build}`);
  }
}
