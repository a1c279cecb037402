import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
};

/**
 * Serves a built single-page app (the agent inbox): files from `dir`, hashed assets cached for a
 * year, and `index.html` for any other GET that asks for HTML, so deep links like
 * `/conversations/01J…` work after a reload. Never answers for `/api/`, `/plugins/` or health paths.
 *
 * @example
 * app.route('/', createStaticApp('/srv/switchboard/apps/inbox/dist'));
 */
export function createStaticApp(dir: string): Hono {
  const root = resolve(dir);
  const app = new Hono();
  const reserved = /^\/(api|plugins|healthz|readyz|metrics)(\/|$)/;
  app.get('*', async (c, next) => {
    const path = decodeURIComponent(c.req.path);
    if (reserved.test(path)) return next();
    const file = resolve(join(root, normalize(path)));
    if (file.startsWith(root + '/') && (await isFile(file))) {
      const immutable = path.startsWith('/assets/');
      return c.body(await readFile(file), 200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
      });
    }
    const wantsHtml = (c.req.header('accept') ?? '').includes('text/html') || path === '/';
    if (!wantsHtml || extname(path) !== '') return next();
    return c.body(await readFile(join(root, 'index.html')), 200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' });
  });
  return app;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
