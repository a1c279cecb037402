import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import * as v from 'valibot';
import { CoreError, CoreErrorCodes } from '../errors';
import { mediaTypeEssence } from './attachments-config';
import { attachmentContentDisposition } from './attachments-filename';
import { problemResponse as problem } from '../api/problem';
import type { AttachmentService, AttachmentUploader } from './attachments-service';
import { formatByteCount } from './attachments-service';

/**
 * Variables the routes read: `principal` is set by the server's auth middleware for a signed-in
 * agent or visitor and left unset otherwise. When it has string `kind` and `id`, uploads record it.
 *
 * @example
 * const api = new Hono<AttachmentRoutesEnv>();
 * api.use('*', async (c, next) => { c.set('principal', { kind: 'agent', id: agentId }); await next(); });
 */
export type AttachmentRoutesEnv = { Variables: { principal?: unknown } };

/**
 * Options of {@link createAttachmentRoutes}.
 *
 * @example
 * createAttachmentRoutes(attachments, { maxBytes: config.maxBytes });
 */
export type AttachmentRoutesOptions = {
  /** Largest file accepted, normally `config.maxBytes`. */
  maxBytes: number;
};

// Room for the multipart envelope (boundaries, part headers) around a file of exactly maxBytes.
const MULTIPART_ENVELOPE_BYTES = 64 * 1024;

const UploaderSchema = v.object({ kind: v.string(), id: v.string() });

function unauthenticated(): CoreError {
  return new CoreError({
    code: CoreErrorCodes.UNAUTHENTICATED,
    status: 401,
    message: 'sign in (Authorization: Bearer <token>) or use a signed attachment URL',
  });
}

const requirePrincipal = createMiddleware<AttachmentRoutesEnv>(async (c, next) => {
  if (c.get('principal') === undefined) throw unauthenticated();
  await next();
});

function uploaderOf(principal: unknown): AttachmentUploader | undefined {
  const parsed = v.safeParse(UploaderSchema, principal);
  return parsed.success ? parsed.output : undefined;
}

function tooLarge(c: Context, maxBytes: number): Response {
  const declared = c.req.header('content-length');
  return problem(
    c,
    new CoreError({
      code: CoreErrorCodes.ATTACHMENT_TOO_LARGE,
      status: 413,
      message: `upload refused: the limit is ${formatByteCount(maxBytes)} per file, and the request body ${
        declared ? `is ${formatByteCount(Number(declared))}` : 'went past it'
      }`,
    }),
  );
}

/**
 * The attachments HTTP API, to mount under `/api/v1/attachments`:
 * - `POST /` — multipart upload (field `file`), answers 201 with the `AttachmentRef`; the body is
 *   cut off at the size limit instead of being buffered whole;
 * - `GET /:id` — the `AttachmentRef` plus a signed download `url`;
 * - `GET /:id/content` — the bytes, for a signed-in principal or with a valid `expires` + `sig`.
 * Upload and metadata need a `principal`; errors answer as `application/problem+json`.
 *
 * @example
 * const api = new Hono<AttachmentRoutesEnv>();
 * api.use('*', authMiddleware); // sets c.set('principal', ...) when a valid token is presented
 * api.route('/api/v1/attachments', createAttachmentRoutes(attachments, { maxBytes: config.maxBytes }));
 */
export function createAttachmentRoutes(service: AttachmentService, options: AttachmentRoutesOptions): Hono<AttachmentRoutesEnv> {
  const { maxBytes } = options;
  const app = new Hono<AttachmentRoutesEnv>();
  app.onError((error, c) => problem(c, error));

  app.post(
    '/',
    requirePrincipal,
    bodyLimit({ maxSize: maxBytes + MULTIPART_ENVELOPE_BYTES, onError: (c) => tooLarge(c, maxBytes) }),
    async (c) => {
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch (error) {
        throw new CoreError({
          code: CoreErrorCodes.VALIDATION,
          status: 400,
          message: `send the file as multipart/form-data in a field named "file"; received Content-Type ${c.req.header('content-type') ?? '(none)'}`,
          cause: error,
        });
      }
      const file = form.get('file');
      if (!(file instanceof File)) {
        throw new CoreError({
          code: CoreErrorCodes.VALIDATION,
          status: 400,
          message: `multipart field "file" must be a file; received ${file === null ? 'no such field' : 'a text value'}`,
        });
      }
      const ref = await service.put(
        { data: new Uint8Array(await file.arrayBuffer()), filename: file.name, declaredType: file.type || undefined },
        uploaderOf(c.get('principal')),
      );
      return c.json(ref, 201, { Location: `${c.req.path.replace(/\/+$/, '')}/${encodeURIComponent(ref.id)}` });
    },
  );

  app.get('/:id', requirePrincipal, async (c) => {
    const id = c.req.param('id');
    const ref = await service.getRef(id);
    return c.json({ ...ref, url: await service.signedUrl(id) });
  });

  app.get('/:id/content', async (c) => {
    const id = c.req.param('id');
    if (c.get('principal') === undefined) {
      const expires = c.req.query('expires');
      const sig = c.req.query('sig');
      if (expires === undefined && sig === undefined) throw unauthenticated();
      if (!service.verifySignedUrl(id, expires, sig)) {
        throw new CoreError({
          code: CoreErrorCodes.ATTACHMENT_SIGNATURE_INVALID,
          status: 403,
          message: `the download link of attachment ${id} is invalid or has expired (expires=${expires ?? 'missing'}); ask for a new link`,
        });
      }
    }
    const { ref, data } = await service.get(id);
    const essence = mediaTypeEssence(ref.contentType);
    return c.body(data, 200, {
      'Content-Type': essence.startsWith('text/') ? `${essence}; charset=utf-8` : ref.contentType,
      'Content-Length': String(data.byteLength),
      'Content-Disposition': attachmentContentDisposition(ref.name),
      'X-Content-Type-Options': 'nosniff',
      // Opened directly in a tab, the file can run nothing and load nothing.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, max-age=300',
    });
  });

  return app;
}
