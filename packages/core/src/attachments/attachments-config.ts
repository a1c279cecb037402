import { join } from 'node:path';
import * as v from 'valibot';

/**
 * The content types accepted when the admin configures none: what customers commonly send over
 * chat and e-mail channels. Executables, HTML and SVG are deliberately absent.
 *
 * @example
 * defaultAllowedAttachmentTypes.includes('application/pdf'); // true
 */
export const defaultAllowedAttachmentTypes = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'application/pdf',
  'audio/ogg',
  'audio/mpeg',
  'audio/mp4',
  'audio/x-m4a',
  'audio/aac',
  'audio/amr',
  'video/mp4',
  'video/3gpp',
  'video/quicktime',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/zip',
] as const;

/**
 * 25 MiB, the default of {@link AttachmentsConfigSchema}'s `maxBytes`.
 *
 * @example
 * defaultAttachmentMaxBytes; // 26214400
 */
export const defaultAttachmentMaxBytes = 25 * 1024 * 1024;

const NonEmptySchema = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

/** `type/subtype` or `type/*`, compared case-insensitively. */
const MediaRangeSchema = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]*)$/, 'must be a media type like "image/png" or "image/*"'),
);

/**
 * Connection to an S3-compatible object store (AWS S3, MinIO, Cloudflare R2, Backblaze B2, ...).
 *
 * @example
 * v.parse(S3AttachmentsConfigSchema, { endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', bucket: 'swb', accessKeyId: 'k', secretAccessKey: 's', forcePathStyle: true });
 */
export const S3AttachmentsConfigSchema = v.object({
  endpoint: v.pipe(v.string(), v.trim(), v.url('must be a URL like "https://s3.eu-west-1.amazonaws.com"')),
  region: NonEmptySchema,
  bucket: NonEmptySchema,
  accessKeyId: NonEmptySchema,
  secretAccessKey: NonEmptySchema,
  /** `/<bucket>/<key>` instead of `<bucket>.<host>/<key>`; MinIO and most self-hosted stores need it. */
  forcePathStyle: v.optional(v.boolean(), false),
  /** Prepended to every object key, e.g. `switchboard/attachments`. */
  prefix: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.regex(/^([A-Za-z0-9._-]+\/)*[A-Za-z0-9._-]*\/?$/, 'may hold only letters, digits, ".", "_", "-" and "/" separated segments'),
      v.check((prefix) => !prefix.split('/').some((segment) => segment === '.' || segment === '..'), 'must not contain "." or ".." segments'),
    ),
    '',
  ),
});
/**
 * Output of {@link S3AttachmentsConfigSchema}.
 *
 * @example
 * const s3: S3AttachmentsConfig | undefined = config.s3;
 */
export type S3AttachmentsConfig = v.InferOutput<typeof S3AttachmentsConfigSchema>;

/**
 * Where attachments are stored and what is accepted. Parsed once, from the admin's config file.
 *
 * @example
 * const config = v.parse(AttachmentsConfigSchema, {}); // local disk, 25 MiB, common types, 15 min URLs
 * const s3 = v.parse(AttachmentsConfigSchema, { driver: 's3', s3: { endpoint: 'https://s3.eu-west-1.amazonaws.com', region: 'eu-west-1', bucket: 'acme-swb', accessKeyId: 'AKIA...', secretAccessKey: '...' } });
 */
export const AttachmentsConfigSchema = v.pipe(
  v.object({
    driver: v.optional(v.picklist(['local', 's3'], 'must be "local" or "s3"'), 'local'),
    /** Local disk; `dir` defaults to `<dataDir>/attachments`. */
    local: v.optional(v.object({ dir: v.optional(NonEmptySchema) })),
    s3: v.optional(S3AttachmentsConfigSchema),
    maxBytes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1, 'must be at least 1 byte')), defaultAttachmentMaxBytes),
    allowedTypes: v.optional(v.array(MediaRangeSchema), () => [...defaultAllowedAttachmentTypes]),
    /** Lifetime of signed download URLs; at most 7 days, like S3's own presigned URLs. */
    urlTtlSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7 * 24 * 3600, 'must be at most 604800 (7 days)')), 900),
  }),
  v.forward(
    v.partialCheck(
      [['driver'], ['s3']],
      (config) => config.driver !== 's3' || config.s3 !== undefined,
      'driver "s3" needs an `s3` section with endpoint, region, bucket, accessKeyId and secretAccessKey',
    ),
    ['s3'],
  ),
);
/**
 * Output of {@link AttachmentsConfigSchema}: every default filled in.
 *
 * @example
 * const config: AttachmentsConfig = v.parse(AttachmentsConfigSchema, raw.attachments ?? {});
 */
export type AttachmentsConfig = v.InferOutput<typeof AttachmentsConfigSchema>;

/**
 * The directory of the local driver: the configured one, or `<dataDir>/attachments`.
 *
 * @example
 * resolveAttachmentsDir(v.parse(AttachmentsConfigSchema, {}), './data'); // 'data/attachments'
 */
export function resolveAttachmentsDir(config: AttachmentsConfig, dataDir: string): string {
  return config.local?.dir ?? join(dataDir, 'attachments');
}

/**
 * The `type/subtype` part of a content type, lower-cased, without parameters.
 *
 * @example
 * mediaTypeEssence('audio/ogg; codecs=opus'); // 'audio/ogg'
 */
export function mediaTypeEssence(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * Whether a content type is covered by an allow-list of media types and `type/*` ranges.
 *
 * @example
 * isAttachmentTypeAllowed('audio/ogg; codecs=opus', ['audio/*']); // true
 * isAttachmentTypeAllowed('application/x-elf', ['application/pdf']); // false
 */
export function isAttachmentTypeAllowed(contentType: string, allowedTypes: readonly string[]): boolean {
  const essence = mediaTypeEssence(contentType);
  const major = essence.split('/')[0];
  return allowedTypes.some((allowed) => {
    const range = allowed.toLowerCase();
    return range === essence || (range.endsWith('/*') && range.slice(0, -2) === major);
  });
}
