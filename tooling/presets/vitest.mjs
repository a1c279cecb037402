// @ts-check
import { defineProject } from 'vitest/config';

/**
 * Shared vitest settings for a workspace package. Integration tests start real nats-server and
 * libSQL files, so hooks get generous time; nothing here asserts on timing.
 *
 * @example
 * // packages/core/vitest.config.ts
 * export default createVitestProject('core');
 * @param {string} name
 */
export function createVitestProject(name) {
  return defineProject({
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts', '*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      pool: 'forks',
    },
  });
}
