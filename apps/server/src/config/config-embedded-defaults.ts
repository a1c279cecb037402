import { randomBytes } from 'node:crypto';
import type { PluginRegistry } from '../plugins';

/** The site key of the demo widget the server enables when it runs without a config file. */
export const DEMO_SITE_KEY = 'wk_demo_local';

/**
 * What the server runs with when there is no config file: everything at its defaults, plus the web
 * chat with a demo widget (when this server has the channel-webchat plugin), so a newcomer who ran
 * `npm start` can open http://localhost:3000/plugins/channel-webchat/demo, chat, and answer from
 * the inbox. The identity secret is random per start: the demo has no signed-in users.
 *
 * @example
 * const data = file.found ? file.data : embeddedDefaults(builtInPlugins);
 */
export function embeddedDefaults(registry: PluginRegistry): Record<string, unknown> {
  if (!registry['channel-webchat']) return {};
  return {
    plugins: {
      'channel-webchat': {
        options: {
          widgets: [
            {
              id: 'demo',
              name: 'Switchboard demo',
              siteKey: DEMO_SITE_KEY,
              // The demo page is served by the server itself (always allowed); these let a page
              // on another local port embed the demo widget too.
              allowedOrigins: ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://localhost:8080', 'http://127.0.0.1:8080'],
              greeting: 'Hi! This is the Switchboard demo chat. Write something, then answer it from the inbox.',
              preChat: { mode: 'optional', name: 'optional', email: 'optional' },
            },
          ],
          demo: { enabled: true, widget: 'demo' },
        },
        secrets: { identitySecrets: randomBytes(24).toString('hex') },
      },
    },
  };
}
