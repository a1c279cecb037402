import { CoreError, CoreErrorCodes } from '../errors';
import type { BlobStore } from './attachments-blob-store';
import { resolveAttachmentsDir, type AttachmentsConfig } from './attachments-config';
import { createLocalBlobStore } from './attachments-local-store';
import { createS3BlobStore } from './attachments-s3-store';

/**
 * The blob store the admin configured: S3 for `driver: 's3'`, else local disk under
 * `attachments.local.dir` or `<dataDir>/attachments`.
 *
 * @example
 * const blobs = createBlobStoreFromConfig(options.attachments, options.dataDir);
 */
export function createBlobStoreFromConfig(config: AttachmentsConfig, dataDir: string): BlobStore {
  if (config.driver === 'local') return createLocalBlobStore(resolveAttachmentsDir(config, dataDir));
  if (!config.s3) {
    throw new CoreError({
      code: CoreErrorCodes.CONFIG_INVALID,
      status: 500,
      message: 'attachments.driver is "s3" but attachments.s3 is missing; add endpoint, region, bucket, accessKeyId and secretAccessKey',
    });
  }
  return createS3BlobStore(config.s3);
}
