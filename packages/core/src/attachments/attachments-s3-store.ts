// aws4fetch rather than @aws-sdk/client-s3: we need four plain object calls (PUT, GET, HEAD,
// DELETE), and aws4fetch signs them with SigV4 over the built-in fetch in one ~10 kB file with no
// dependencies, versus a few MB of SDK packages. It is well kept (used by Cloudflare's R2 docs)
// and speaks to any S3-compatible store: AWS, MinIO, R2, B2, Ceph.
import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import { CoreError, CoreErrorCodes } from '../errors';
import { assertBlobKey, blobNotFound, type BlobStore } from './attachments-blob-store';
import type { S3AttachmentsConfig } from './attachments-config';

/**
 * Options of {@link createS3BlobStore} beyond the config: tuning that admins do not set.
 *
 * @example
 * createS3BlobStore(config.s3, { retries: 0 });
 */
export type S3BlobStoreOptions = {
  /** Attempts after a 5xx/429 answer, with jittered exponential backoff. Default 3. */
  retries?: number;
};

function trimSlashes(value: string): string {
  return value.replace(/^\/+|\/+$/g, '');
}

function s3ErrorCode(body: string): string {
  return /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1] ?? 'no error code';
}

/**
 * A {@link BlobStore} on an S3-compatible object store, signing each request with AWS SigV4.
 * Uploads carry the SHA-256 of the body in `x-amz-content-sha256`, so the store refuses bytes
 * altered on the way.
 *
 * @example
 * const blobs = createS3BlobStore({
 *   endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', bucket: 'switchboard',
 *   accessKeyId: 'minio', secretAccessKey: 'minio-secret', forcePathStyle: true, prefix: 'attachments',
 * });
 * await blobs.put('7Q/01J9ZK3V5T7Q', bytes, 'image/png');
 */
export function createS3BlobStore(config: S3AttachmentsConfig, options: S3BlobStoreOptions = {}): BlobStore {
  const client = new AwsClient({
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    region: config.region,
    service: 's3',
    retries: options.retries ?? 3,
  });
  const endpoint = new URL(config.endpoint);
  const basePath = trimSlashes(endpoint.pathname);
  const prefix = trimSlashes(config.prefix);

  function objectKey(key: string): string {
    assertBlobKey(key);
    return prefix ? `${prefix}/${key}` : key;
  }

  function urlOf(key: string): string {
    const path = objectKey(key).split('/').map(encodeURIComponent).join('/');
    const base = basePath ? `/${basePath}` : '';
    return config.forcePathStyle
      ? `${endpoint.protocol}//${endpoint.host}${base}/${encodeURIComponent(config.bucket)}/${path}`
      : `${endpoint.protocol}//${config.bucket}.${endpoint.host}${base}/${path}`;
  }

  async function send(method: string, key: string, init: RequestInit = {}): Promise<Response> {
    const url = urlOf(key);
    try {
      return await client.fetch(url, { ...init, method });
    } catch (error) {
      throw new CoreError({
        code: CoreErrorCodes.INTERNAL,
        status: 502,
        retryable: true,
        message: `S3 ${method} s3://${config.bucket}/${objectKey(key)} at ${endpoint.host} failed before an answer; check attachments.s3.endpoint and that the store is reachable`,
        cause: error,
      });
    }
  }

  async function failure(method: string, key: string, response: Response): Promise<CoreError> {
    const body = await response.text().catch(() => '');
    const retryable = response.status >= 500 || response.status === 429;
    return new CoreError({
      code: CoreErrorCodes.INTERNAL,
      status: 502,
      retryable,
      message: `S3 ${method} s3://${config.bucket}/${objectKey(key)} at ${endpoint.host} answered ${response.status} (${s3ErrorCode(body)})${
        response.status === 403 ? '; check attachments.s3.accessKeyId, secretAccessKey and region' : ''
      }`,
      details: { status: response.status },
    });
  }

  return {
    async put(key, bytes, contentType) {
      const response = await send('PUT', key, {
        body: bytes,
        headers: {
          'content-type': contentType,
          'x-amz-content-sha256': createHash('sha256').update(bytes).digest('hex'),
        },
      });
      if (!response.ok) throw await failure('PUT', key, response);
      await response.body?.cancel();
    },

    async get(key) {
      const response = await send('GET', key);
      if (response.status === 404) {
        await response.body?.cancel();
        throw blobNotFound(key);
      }
      if (!response.ok) throw await failure('GET', key, response);
      return new Uint8Array(await response.arrayBuffer());
    },

    async delete(key) {
      const response = await send('DELETE', key);
      if (!response.ok && response.status !== 404) throw await failure('DELETE', key, response);
      await response.body?.cancel();
    },

    async exists(key) {
      const response = await send('HEAD', key);
      await response.body?.cancel();
      if (response.status === 404) return false;
      if (!response.ok) throw await failure('HEAD', key, response);
      return true;
    },
  };
}
