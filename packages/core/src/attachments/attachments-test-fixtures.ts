import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import * as v from 'valibot';
import { AttachmentsConfigSchema, type AttachmentsConfig } from './attachments-config';
import { attachmentsMigrationSql } from './attachments-schema-sql';

/**
 * A real 1×1 PNG, as a phone would send it.
 *
 * @example
 * await sniffContentType(tinyPng); // 'image/png'
 */
export const tinyPng = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
);

/**
 * The first bytes of a PDF document.
 *
 * @example
 * await sniffContentType(pdfHeader); // 'application/pdf'
 */
export const pdfHeader = new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');

/**
 * The header of a 64-bit Linux executable (ELF), padded to a plausible length.
 *
 * @example
 * await sniffContentType(elfHeader, 'application/pdf'); // 'application/x-elf'
 */
export const elfHeader = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, ...new Array<number>(120).fill(0)]);

/**
 * A 32+ character HMAC key for tests.
 *
 * @example
 * createAttachmentService({ ..., signingKey: testSigningKey });
 */
export const testSigningKey = 'test-signing-key-0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A temp directory and a migrated libSQL file inside it, removed by `cleanup`.
 *
 * @example
 * const { db, config, cleanup } = await createAttachmentsTestEnv();
 */
export type AttachmentsTestEnv = { dir: string; db: Client; config: AttachmentsConfig; cleanup(): Promise<void> };

/**
 * A fresh temp directory with a libSQL file, migrated unless `migrate: false`.
 *
 * @example
 * const env = await createAttachmentsTestEnv({ maxBytes: 1024 });
 * afterEach(() => env.cleanup());
 */
export async function createAttachmentsTestEnv(
  config: v.InferInput<typeof AttachmentsConfigSchema> = {},
  options: { migrate?: boolean } = {},
): Promise<AttachmentsTestEnv> {
  const dir = await mkdtemp(join(tmpdir(), 'swb-attachments-'));
  const db = createClient({ url: `file:${join(dir, 'core.db')}` });
  if (options.migrate !== false) {
    for (const sql of attachmentsMigrationSql) await db.execute(sql);
  }
  return {
    dir,
    db,
    config: v.parse(AttachmentsConfigSchema, config),
    async cleanup() {
      db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
