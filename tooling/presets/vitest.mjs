// @ts-check
import { defineProject } from 'vitest/config';

/**
 * Shared vitest settings for a workspace package. Integration tests start real nats-server and
 * libSQL files, so hooks get generous time; nothing here asserts on timing.
 *
 * @example
 * // packages/core/vitest.config.ts
 * export default createVitestProject('core');
 * // apps/server/vitest.config.ts: its bench tooling has tests too
 * export default createVitestProject('server', { include: ['bench/**\/*.test.ts'] });
 * @param {string} name
 * @param {{ include?: string[] }} [options] test files beyond src/, test/ and the package root
 */
export function createVitestProject(name, options = {}) {
  return defineProject({
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts', '*.test.ts', ...(options.include ?? [])],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      pool: 'forks',
    },
  });
}
