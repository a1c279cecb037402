import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

const require = createRequire(import.meta.url);
const ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js']);

/**
 * Rendered API docs at `/api/docs`, from the OpenAPI document, with Swagger UI served from the
 * installed package (no CDN: it works offline and behind strict firewalls).
 *
 * @example
 * app.route('/api/docs', createApiDocs('/api/v1/openapi.json'));
 */
export function createApiDocs(specUrl: string): Hono {
  const app = new Hono();
  const dir = dirname(require.resolve('swagger-ui-dist/package.json'));
  app.get('/', (c) =>
    c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Switchboard API</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/docs-init.js"></script></body></html>`),
  );
  app.get('/assets/docs-init.js', (c) =>
    c.body(`window.ui = SwaggerUIBundle({ url: ${JSON.stringify(specUrl)}, dom_id: '#docs', deepLinking: true, persistAuthorization: true });`, 200, {
      'content-type': 'text/javascript; charset=utf-8',
    }),
  );
  app.get('/assets/:file', async (c) => {
    const file = c.req.param('file');
    if (!ASSETS.has(file)) return c.notFound();
    const body = await readFile(join(dir, file));
    return c.body(body, 200, {
      'content-type': file.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=86400',
    });
  });
  return app;
}
