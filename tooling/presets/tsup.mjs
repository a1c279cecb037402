// @ts-check
import { defineConfig } from 'tsup';

/**
 * Shared tsup settings: ESM with declarations, one entry per public export path.
 *
 * @example
 * export default createTsupConfig({ entry: ['src/index.ts'] });
 * @param {import('tsup').Options} options
 */
export function createTsupConfig(options) {
  return defineConfig({
    format: ['esm'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    ...options,
  });
}
