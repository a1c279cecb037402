import { Hono, type Context } from 'hono';
import type { WidgetConfig } from './webchat-config';
import { WebchatError, WebchatErrorCodes, errorToProblem } from './webchat-errors';
import type { WidgetRegistry } from './webchat-guard';
import { demoPage } from './webchat-demo-page';
import { frameAncestors } from './webchat-origin';
import { WIDGET_BUILD_COMMAND, isWidgetBuilt, readDistFile, type DistFile } from './webchat-widget-dist';
import type { Logger } from '@switchboard/plugin-sdk';

/** Options of {@link createStaticRoutes}. */
export type StaticRoutesOptions = {
  widgets: WidgetRegistry;
  /** Finds the widget's dist directory (looked up per request until found, so a later build works). */
  locateDist: () => string | null;
  /** The widget the demo page embeds, or null when the demo is off. */
  demoWidget: WidgetConfig | null;
  logger: Logger;
};

/** Hashed file names (`app-1A2B3C4D.js`) never change content: cache them for a year. */
const HASHED = /-[A-Za-z0-9]{8,}\.[a-z0-9]+$/;

/**
 * Serves the customer widget built by apps/widget (PROTOCOL.md §0): the loader at `/widget.js`,
 * the chat app at `/app/*` (its HTML only with a known `site_key`, framed only by that widget's
 * sites via `frame-ancestors`), and the demo host page at `/demo`.
 *
 * @example
 * ctx.http.route('/', createStaticRoutes({ widgets, locateDist: locateWidgetDist, demoWidget, logger: ctx.logger }));
 */
export function createStaticRoutes(options: StaticRoutesOptions): Hono {
  const routes = new Hono();
  routes.onError((err, c) => errorToProblem(err, c, options.logger));
  let dist: string | null = null;
  const builtDist = (): string => {
    if (!isWidgetBuilt(dist)) dist = options.locateDist();
    if (!isWidgetBuilt(dist)) {
      throw new WebchatError({
        code: WebchatErrorCodes.WIDGET_NOT_BUILT,
        status: 503,
        message: `channel-webchat: the chat widget is not built (no loader.js and index.html in ${dist ?? 'the @switchboard/widget package, which is not installed'}); run \`${WIDGET_BUILD_COMMAND}\``,
      });
    }
    return dist;
  };

  routes.get('/widget.js', async (c) => {
    const file = await readDistFile(builtDist(), 'loader.js');
    if (!file) throw notFound('widget.js');
    return send(c, file, 'public, max-age=300');
  });

  routes.get('/app/*', async (c) => {
    const root = builtDist();
    const prefix = c.req.path.indexOf('/app/');
    const relative = decodeURIComponent(c.req.path.slice(prefix + '/app/'.length)) || 'index.html';
    const file = await readDistFile(root, relative);
    if (!file) throw notFound(`app/${relative}`);
    if (file.contentType.startsWith('text/html')) {
      const siteKey = c.req.query('site_key') ?? '';
      const widget = options.widgets.bySiteKey(siteKey);
      if (!widget) {
        throw new WebchatError({ code: WebchatErrorCodes.WIDGET_UNKNOWN, status: 404, message: `channel-webchat: the chat app needs ?site_key= of a configured widget (got "${siteKey}")` });
      }
      c.header('Content-Security-Policy', frameAncestors(widget.allowedOrigins));
      return send(c, file, 'no-cache');
    }
    return send(c, file, HASHED.test(relative) ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
  });

  routes.get('/demo', (c) => {
    if (!options.demoWidget) throw notFound('demo (set demo.enabled: true)');
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Security-Policy', "frame-ancestors 'self'");
    return c.html(demoPage(options.demoWidget));
  });

  return routes;
}

function send(c: Context, file: DistFile, cacheControl: string): Response {
  c.header('Content-Type', file.contentType);
  c.header('Cache-Control', cacheControl);
  c.header('X-Content-Type-Options', 'nosniff');
  return c.body(file.data as Uint8Array<ArrayBuffer>, 200);
}

function notFound(what: string): WebchatError {
  return new WebchatError({ code: WebchatErrorCodes.NOT_FOUND, status: 404, message: `channel-webchat: no ${what}` });
}
