import { CoreError, CoreErrorCodes } from '../errors';

/**
 * Where attachment bytes live. Keys are relative, `/`-separated paths of letters, digits, `.`,
 * `_` and `-` (see {@link assertBlobKey}); every driver refuses anything else, so a key can never
 * escape the store's directory or bucket prefix.
 *
 * @example
 * const blobs: BlobStore = createLocalBlobStore('/var/lib/switchboard/attachments');
 * await blobs.put('7Q/01J9ZK3V5T7Q', bytes, 'image/png');
 * const again = await blobs.get('7Q/01J9ZK3V5T7Q');
 */
export type BlobStore = {
  /** Stores the bytes under the key, replacing what was there; visible only once complete. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes under the key; throws `SWB_ERR_ATTACHMENT_NOT_FOUND` (404) when there are none. */
  get(key: string): Promise<Uint8Array<ArrayBuffer>>;
  /** Removes the key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Whether the key holds bytes. */
  exists(key: string): Promise<boolean>;
};

// A segment may not start with a dot: that rules out ".", ".." and hidden files at once.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * Refuses a blob key that is not a plain relative path: empty, absolute, with `.`/`..`
 * segments, backslashes, control or other special characters, or longer than 512 characters.
 *
 * @example
 * assertBlobKey('7Q/01J9ZK3V5T7Q'); // ok
 * assertBlobKey('../etc/passwd'); // throws SWB_ERR_VALIDATION
 */
export function assertBlobKey(key: string): void {
  const segments = key.split('/');
  const valid = key.length > 0 && key.length <= 512 && segments.every((segment) => SEGMENT.test(segment));
  if (!valid) {
    throw new CoreError({
      code: CoreErrorCodes.VALIDATION,
      status: 400,
      message: `blob key ${JSON.stringify(key.slice(0, 100))} is refused: keys are relative paths of letters, digits, ".", "_" and "-" segments, without "." or ".." segments, at most 512 characters`,
    });
  }
}

/**
 * The error every driver throws for a key that holds no bytes.
 *
 * @example
 * throw blobNotFound('7Q/01J9ZK3V5T7Q');
 */
export function blobNotFound(key: string, cause?: unknown): CoreError {
  return new CoreError({
    code: CoreErrorCodes.ATTACHMENT_NOT_FOUND,
    status: 404,
    message: `attachment content ${key} is missing from the blob store`,
    cause,
  });
}
