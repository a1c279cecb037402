import { createHash } from 'node:crypto';
import type { Client as LibsqlClient, Row } from '@libsql/client';
import { newId, type AttachmentRef } from '@switchboard/events';
import type { AttachmentInput } from '@switchboard/plugin-sdk';
import { CoreError, CoreErrorCodes } from '../errors';
import type { BlobStore } from './attachments-blob-store';
import { isAttachmentTypeAllowed, type AttachmentsConfig } from './attachments-config';
import { sanitizeAttachmentFilename } from './attachments-filename';
import { signAttachmentAccess, verifyAttachmentAccess } from './attachments-signing';
import { sniffContentType } from './attachments-sniff';

/**
 * Who uploaded an attachment; stored beside it for audit.
 *
 * @example
 * await attachments.put(upload, { kind: 'agent', id: agentId });
 */
export type AttachmentUploader = { kind: string; id: string };

/**
 * What {@link createAttachmentService} needs.
 *
 * @example
 * const options: AttachmentServiceOptions = { db, blobs, config: options.attachments, signingKey, publicUrl };
 */
export type AttachmentServiceOptions = {
  db: LibsqlClient;
  blobs: BlobStore;
  config: AttachmentsConfig;
  /** HMAC key of download URLs; at least 32 characters. */
  signingKey: string;
  /** Base URL clients reach the server at, e.g. `https://support.example.com`. */
  publicUrl: string;
  /** Clock in milliseconds; tests pass a fixed one. Defaults to `Date.now`. */
  now?: () => number;
};

/**
 * Stores, finds and authorises downloads of attachments; a superset of the SDK's `PluginAttachments`,
 * so it can be handed to plugins as `ctx.attachments`.
 *
 * @example
 * const forPlugins: PluginAttachments = createAttachmentService(options);
 */
export type AttachmentService = {
  /** Checks size and sniffed type, stores the bytes, then records the metadata. */
  put(upload: AttachmentInput, uploader?: AttachmentUploader): Promise<AttachmentRef>;
  get(id: string): Promise<{ ref: AttachmentRef; data: Uint8Array<ArrayBuffer> }>;
  getRef(id: string): Promise<AttachmentRef>;
  /** A download URL valid for `ttlSeconds` (default `config.urlTtlSeconds`). */
  signedUrl(id: string, ttlSeconds?: number): Promise<string>;
  verifySignedUrl(id: string, expires: string | number | null | undefined, sig: string | null | undefined): boolean;
};

const MIN_SIGNING_KEY_LENGTH = 32;

/**
 * A byte count as people read it, with the exact number for the curious.
 *
 * @example
 * formatByteCount(26214400); // '25 MiB (26214400 bytes)'
 */
export function formatByteCount(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${bytes} bytes`;
  return `${Number(value.toFixed(1))} ${units[unit]} (${bytes} bytes)`;
}

function text(row: Row, column: string): string {
  const value = row[column];
  return typeof value === 'string' ? value : String(value);
}

function refOf(row: Row): AttachmentRef {
  return { id: text(row, 'id'), name: text(row, 'name'), contentType: text(row, 'content_type'), size: Number(row['size']) };
}

function notFound(id: string): CoreError {
  return new CoreError({ code: CoreErrorCodes.ATTACHMENT_NOT_FOUND, status: 404, message: `attachment ${id} does not exist` });
}

/**
 * The attachment service over a libSQL database (table from `attachmentsMigrationSql`) and a
 * {@link BlobStore}. The blob is written before its row and removed again if the row cannot be
 * written, so metadata never points at missing bytes.
 *
 * @example
 * const attachments = createAttachmentService({ db, blobs, config, signingKey, publicUrl: 'https://support.example.com' });
 * const ref = await attachments.put({ data: bytes, filename: 'invoice.pdf', declaredType: 'application/pdf' }, { kind: 'agent', id: agentId });
 * const url = await attachments.signedUrl(ref.id); // https://support.example.com/api/v1/attachments/<id>/content?expires=...&sig=...
 */
export function createAttachmentService(options: AttachmentServiceOptions): AttachmentService {
  const { db, blobs, config, signingKey } = options;
  const now = options.now ?? Date.now;
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  if (signingKey.length < MIN_SIGNING_KEY_LENGTH) {
    throw new CoreError({
      code: CoreErrorCodes.CONFIG_INVALID,
      status: 500,
      message: `auth.signingKey is ${signingKey.length} characters long; attachment URLs need at least ${MIN_SIGNING_KEY_LENGTH} (generate one with \`openssl rand -base64 48\`, or leave it unset to have one generated)`,
    });
  }

  async function getRef(id: string): Promise<AttachmentRef> {
    const result = await db.execute({ sql: 'SELECT id, name, content_type, size FROM attachments WHERE id = ?', args: [id] });
    const row = result.rows[0];
    if (!row) throw notFound(id);
    return refOf(row);
  }

  return {
    async put(upload, uploader) {
      const name = sanitizeAttachmentFilename(upload.filename);
      const size = upload.data.byteLength;
      if (size > config.maxBytes) {
        throw new CoreError({
          code: CoreErrorCodes.ATTACHMENT_TOO_LARGE,
          status: 413,
          message: `attachment "${name}" is ${formatByteCount(size)}, over the limit of ${formatByteCount(config.maxBytes)} (attachments.maxBytes)`,
          details: { size, maxBytes: config.maxBytes },
        });
      }
      const contentType = await sniffContentType(upload.data, upload.declaredType, name);
      if (!isAttachmentTypeAllowed(contentType, config.allowedTypes)) {
        throw new CoreError({
          code: CoreErrorCodes.ATTACHMENT_TYPE_REFUSED,
          status: 415,
          message: `attachment "${name}" is ${contentType} judging by its content${
            upload.declaredType ? ` (declared ${upload.declaredType})` : ''
          }, which is not among the allowed types (attachments.allowedTypes): ${config.allowedTypes.join(', ')}`,
          details: { contentType, declaredType: upload.declaredType ?? null, allowedTypes: config.allowedTypes },
        });
      }

      const id = newId();
      // The random tail of the ULID spreads files evenly over 1024 directories.
      const storageKey = `${id.slice(-2)}/${id}`;
      const sha256 = createHash('sha256').update(upload.data).digest('hex');
      await blobs.put(storageKey, upload.data, contentType);
      try {
        await db.execute({
          sql: `INSERT INTO attachments (id, name, content_type, size, storage_key, sha256, uploader_kind, uploader_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          args: [id, name, contentType, size, storageKey, sha256, uploader?.kind ?? null, uploader?.id ?? null, new Date(now()).toISOString()],
        });
      } catch (error) {
        try {
          await blobs.delete(storageKey);
        } catch (cleanupError) {
          throw new CoreError({
            code: CoreErrorCodes.INTERNAL,
            message: `recording attachment ${id} failed and its blob ${storageKey} could not be removed; delete it by hand`,
            cause: new AggregateError([error, cleanupError]),
          });
        }
        throw new CoreError({ code: CoreErrorCodes.INTERNAL, message: `recording attachment ${id} failed; its blob was removed`, cause: error });
      }
      return { id, name, contentType, size };
    },

    async get(id) {
      const result = await db.execute({ sql: 'SELECT id, name, content_type, size, storage_key FROM attachments WHERE id = ?', args: [id] });
      const row = result.rows[0];
      if (!row) throw notFound(id);
      return { ref: refOf(row), data: await blobs.get(text(row, 'storage_key')) };
    },

    getRef,

    async signedUrl(id, ttlSeconds) {
      const ttl = ttlSeconds ?? config.urlTtlSeconds;
      if (!Number.isInteger(ttl) || ttl < 1) {
        throw new CoreError({ code: CoreErrorCodes.VALIDATION, status: 400, message: `a signed URL's lifetime must be a whole number of seconds, at least 1; received ${ttl}` });
      }
      const ref = await getRef(id);
      const expires = Math.floor(now() / 1000) + ttl;
      const sig = signAttachmentAccess(signingKey, ref.id, expires);
      return `${publicUrl}/api/v1/attachments/${encodeURIComponent(ref.id)}/content?expires=${expires}&sig=${sig}`;
    },

    verifySignedUrl(id, expires, sig) {
      return verifyAttachmentAccess(signingKey, id, expires, sig, now());
    },
  };
}
