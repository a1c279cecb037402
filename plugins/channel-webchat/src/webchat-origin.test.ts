import { describe, expect, it } from 'vitest';
import { frameAncestors, normalizeOrigin, originMatches, requestOrigin } from './webchat-origin';

describe('allowed origins', () => {
  it('matches exact origins, ports included, and ignores case and default ports', () => {
    expect(originMatches('https://Shop.Example.com', 'https://shop.example.com')).toBe(true);
    expect(originMatches('https://shop.example.com:443', 'https://shop.example.com')).toBe(true);
    expect(originMatches('http://shop.example.com', 'https://shop.example.com')).toBe(false);
    expect(originMatches('http://127.0.0.1:5173', 'http://127.0.0.1:5173')).toBe(true);
    expect(originMatches('http://127.0.0.1:5174', 'http://127.0.0.1:5173')).toBe(false);
  });

  it('matches subdomains for a wildcard, never the bare domain or a look-alike', () => {
    expect(originMatches('https://eu.shop.example.com', 'https://*.example.com')).toBe(true);
    expect(originMatches('https://example.com', 'https://*.example.com')).toBe(false);
    expect(originMatches('https://evilexample.com', 'https://*.example.com')).toBe(false);
    expect(originMatches('https://example.com.evil.net', 'https://*.example.com')).toBe(false);
    expect(originMatches('anything', '*')).toBe(true);
  });

  it('takes Origin, else the origin of Referer, and nothing from opaque or missing headers', () => {
    expect(requestOrigin({ origin: 'https://a.example', referer: 'https://b.example/x' })).toBe('https://a.example');
    expect(requestOrigin({ origin: undefined, referer: 'https://b.example/x?y' })).toBe('https://b.example');
    expect(requestOrigin({ origin: 'null', referer: 'https://b.example/' })).toBeNull();
    expect(requestOrigin({ origin: undefined, referer: undefined })).toBeNull();
    expect(normalizeOrigin('file:///etc/passwd')).toBeNull();
  });

  it('lets only the server and the allowed sites frame the chat', () => {
    expect(frameAncestors(['https://shop.example.com'])).toBe("frame-ancestors 'self' https://shop.example.com");
    expect(frameAncestors(['*'])).toBe('frame-ancestors *');
  });
});
