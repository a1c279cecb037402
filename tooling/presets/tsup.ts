import { defineConfig, type Options } from 'tsup';

/**
 * Shared tsup settings: ESM with declarations, one entry per public export path.
 *
 * @example
 * export default createTsupConfig({ entry: ['src/index.ts'] });
 */
export function createTsupConfig(options: Options) {
  return defineConfig({
    format: ['esm'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    ...options,
  });
}
