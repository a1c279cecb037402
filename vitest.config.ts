import { defineConfig } from 'vitest/config';

// One vitest run covers every workspace package; each package keeps its own config for its
// environment (timeouts, setup) and the tests live beside the code. The inbox's and the chat
// widget's end-to-end tests (apps/inbox/e2e, apps/widget/e2e) are projects of their own, apart
// from their unit tests.
export default defineConfig({
  test: {
    projects: ['packages/*', 'plugins/*', 'apps/*', 'apps/inbox/e2e', 'apps/widget/e2e', 'tooling/scripts'],
  },
});
