import sanitizeHtml from 'sanitize-html';

/**
 * Sanitises a customer's HTML for display: no scripts, styles, forms, iframes or event handlers;
 * links keep only http(s)/mailto; images only from `cid:` parts (remote images are trackers and
 * are dropped). `cid:` references are rewritten with `inlineUrl` to wherever the part was stored.
 *
 * @example
 * sanitizeEmailHtml('<p onclick="x()">Hi<img src="cid:a@b"></p>', (cid) => `/api/v1/attachments/${ids[cid]}/content`);
 */
export function sanitizeEmailHtml(html: string, inlineUrl: (contentId: string) => string | null = () => null): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'span'],
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'target'],
      img: ['src', 'alt', 'width', 'height'],
      td: ['colspan', 'rowspan', 'align', 'valign'],
      th: ['colspan', 'rowspan', 'align', 'valign'],
      '*': ['dir', 'lang'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['cid'] },
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' } }),
      img: (tagName, attribs) => {
        const src = attribs.src ?? '';
        const cid = /^cid:(.+)$/i.exec(src)?.[1];
        const url = cid ? inlineUrl(cid.replace(/^<|>$/g, '')) : null;
        // Without a stored part to point at, the image is dropped rather than fetched from afar.
        const rest = { ...attribs };
        delete rest.src;
        return url ? { tagName, attribs: { ...rest, src: url } } : { tagName, attribs: rest };
      },
    },
    allowedSchemesAppliedToAttributes: ['href', 'cite'],
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
}
