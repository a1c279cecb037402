import { defineConfig } from 'vitest/config';

// One vitest run covers every workspace package; each package keeps its own config for its
// environment (timeouts, setup) and the tests live beside the code. The inbox's end-to-end tests
// (apps/inbox/e2e) are a project of their own, apart from its unit tests.
export default defineConfig({
  test: {
    projects: ['packages/*', 'plugins/*', 'apps/*', 'apps/inbox/e2e', 'tooling/scripts'],
  },
});
