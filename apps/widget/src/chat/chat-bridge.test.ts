import { describe, expect, it } from 'vitest';
import { frameParams } from './chat-bridge';

describe('where the chat runs', () => {
  it('reads the site key, the page’s origin and the plugin’s base URL from its own URL', () => {
    const url = new URL('https://chat.example.com/plugins/channel-webchat/app/index.html?site_key=wk_demo#origin=https%3A%2F%2Fshop.example.com');
    expect(frameParams(url)).toEqual({ siteKey: 'wk_demo', parentOrigin: 'https://shop.example.com', base: 'https://chat.example.com/plugins/channel-webchat/' });
  });

  it('refuses to run without a site key or a plain origin to answer to', () => {
    expect(frameParams(new URL('https://chat.example.com/plugins/channel-webchat/app/index.html#origin=https%3A%2F%2Fshop.example.com'))).toBeNull();
    expect(frameParams(new URL('https://chat.example.com/plugins/channel-webchat/app/index.html?site_key=wk_demo'))).toBeNull();
    expect(frameParams(new URL('https://chat.example.com/plugins/channel-webchat/app/index.html?site_key=wk_demo#origin=*'))).toBeNull();
    expect(frameParams(new URL('https://chat.example.com/plugins/channel-webchat/app/index.html?site_key=wk_demo#origin=https%3A%2F%2Fshop.example.com%2Fpath'))).toBeNull();
  });
});
