import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep, isAbsolute } from 'node:path';
import { CoreError, CoreErrorCodes } from '../errors';
import { assertBlobKey, blobNotFound, type BlobStore } from './attachments-blob-store';

function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/**
 * A {@link BlobStore} on local disk: one file per key under `dir`. Writes go to a temp file in the
 * target directory, are flushed, then renamed into place, so a reader never sees half a file and
 * a crash leaves at most a stray `*.tmp`.
 *
 * @example
 * const blobs = createLocalBlobStore('./data/attachments');
 * await blobs.put('7Q/01J9ZK3V5T7Q', new TextEncoder().encode('hello'), 'text/plain');
 */
export function createLocalBlobStore(dir: string): BlobStore {
  const root = resolve(dir);

  function pathOf(key: string): string {
    assertBlobKey(key);
    const path = resolve(root, key);
    // Defence in depth: assertBlobKey already rules out traversal, this rules out any surprise.
    const rel = relative(root, path);
    if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
      throw new CoreError({ code: CoreErrorCodes.VALIDATION, status: 400, message: `blob key ${JSON.stringify(key)} resolves outside ${root}` });
    }
    return path;
  }

  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${randomUUID()}.tmp`;
      try {
        const handle = await open(temp, 'wx', 0o640);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },

    async get(key) {
      const path = pathOf(key);
      try {
        const buffer = await readFile(path);
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      } catch (error) {
        if (isErrnoCode(error, 'ENOENT')) throw blobNotFound(key, error);
        throw error;
      }
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },

    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (error) {
        if (isErrnoCode(error, 'ENOENT')) return false;
        throw error;
      }
    },
  };
}
