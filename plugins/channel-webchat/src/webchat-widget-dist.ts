import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';

/** The command that builds the widget into the dist directory this plugin serves. */
export const WIDGET_BUILD_COMMAND = 'pnpm --filter @switchboard/widget build';

/**
 * The `dist/` directory of the `@switchboard/widget` package (the loader and the chat app), found
 * through the package's own `package.json` so it works from the workspace and from node_modules.
 * `null` when the package is not installed.
 *
 * @example
 * const dist = locateWidgetDist(); // '/srv/switchboard/node_modules/@switchboard/widget/dist'
 */
export function locateWidgetDist(): string | null {
  try {
    const manifest = createRequire(import.meta.url).resolve('@switchboard/widget/package.json');
    return join(dirname(manifest), 'dist');
  } catch {
    return null;
  }
}

/**
 * Whether the widget is built: its dist has the loader and the chat's iframe document.
 *
 * @example
 * if (!isWidgetBuilt(dist)) console.error(`run ${WIDGET_BUILD_COMMAND}`);
 */
export function isWidgetBuilt(dist: string | null): dist is string {
  return dist !== null && existsSync(join(dist, 'loader.js')) && existsSync(join(dist, 'index.html'));
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file of the dist, ready to answer with. */
export type DistFile = { data: Uint8Array; contentType: string; path: string };

/**
 * Reads one file below the dist directory; `null` for anything outside it (`..`, absolute paths),
 * directories, unknown types and missing files.
 *
 * @example
 * const file = await readDistFile(dist, 'assets/app-1a2b3c.js');
 */
export async function readDistFile(dist: string, relativePath: string): Promise<DistFile | null> {
  const root = resolve(dist);
  const path = resolve(root, relativePath);
  if (!path.startsWith(root + sep)) return null;
  const contentType = TYPES[extname(path).toLowerCase()];
  if (!contentType) return null;
  try {
    if (!(await stat(path)).isFile()) return null;
    return { data: new Uint8Array(await readFile(path)), contentType, path };
  } catch {
    return null;
  }
}
