import { bridgeEnvelope, readBridgeMessage, type FrameMessage, type HostMessage } from '../shared/widget-bridge';

/**
 * The chat's side of the postMessage bridge: it talks only to the window that framed it, only
 * at the origin the loader named in the fragment (a page that lies about its origin never hears
 * back), and listens only to that window at that origin.
 *
 * @example
 * const bridge = createFrameBridge(window, 'https://shop.example.com', (m) => console.log(m));
 * bridge.send({ type: 'ready' });
 */
export function createFrameBridge(win: Window, parentOrigin: string, onMessage: (message: HostMessage) => void) {
  win.addEventListener('message', (event) => {
    const message = readBridgeMessage<HostMessage>(event, win.parent, parentOrigin);
    if (message) onMessage(message);
  });
  return {
    send(message: FrameMessage): void {
      win.parent.postMessage(bridgeEnvelope(message), parentOrigin);
    },
  };
}

/**
 * Where the chat runs: the site key from the query, the page's origin from the fragment, and
 * the plugin's base URL (the chat is served at `BASE/app/index.html`). Null when opened outside
 * the loader's iframe.
 *
 * @example
 * frameParams(new URL('https://chat.example.com/plugins/channel-webchat/app/index.html?site_key=wk_demo#origin=https%3A%2F%2Fshop.example.com'));
 * // { siteKey: 'wk_demo', parentOrigin: 'https://shop.example.com', base: 'https://chat.example.com/plugins/channel-webchat/' }
 */
export function frameParams(url: URL): { siteKey: string; parentOrigin: string; base: string } | null {
  const siteKey = url.searchParams.get('site_key');
  const parentOrigin = new URLSearchParams(url.hash.slice(1)).get('origin');
  if (!siteKey || !parentOrigin || !/^https?:\/\/[^/]+$/.test(parentOrigin)) return null;
  return { siteKey, parentOrigin, base: new URL('../', url).href };
}
