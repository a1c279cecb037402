import { describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from './email-html';

describe('sanitizeEmailHtml', () => {
  it('removes scripts, styles, forms, handlers and remote images (trackers)', () => {
    const html = sanitizeEmailHtml(
      '<style>p{}</style><script>alert(1)</script><p onclick="x()">Hi <a href="javascript:alert(1)">x</a></p><form><input></form><img src="https://tracker.example.net/p.gif">',
    );
    expect(html).toBe('<p>Hi <a rel="noopener noreferrer nofollow" target="_blank">x</a></p>');
  });

  it('points cid: images at the stored parts and keeps safe links', () => {
    const html = sanitizeEmailHtml('<img src="cid:slip01@customer.example.net" alt="slip"><a href="https://example.com/track">t</a>', (cid) => (cid === 'slip01@customer.example.net' ? '/api/v1/attachments/A1/content' : null));
    expect(html).toContain('<img alt="slip" src="/api/v1/attachments/A1/content" />');
    expect(html).toContain('href="https://example.com/track"');
  });
});
