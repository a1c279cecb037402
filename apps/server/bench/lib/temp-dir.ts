import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup';

/**
 * A fresh temporary folder that is removed when the bench ends (or is interrupted).
 *
 * @example
 * const dir = tempDir('floor');
 */
export function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `switchboard-bench-${label}-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
