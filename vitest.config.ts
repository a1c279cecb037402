import { defineConfig } from 'vitest/config';

// One vitest run covers every workspace package; each package keeps its own config for its
// environment (timeouts, setup) and the tests live beside the code.
export default defineConfig({
  test: {
    projects: ['packages/*', 'plugins/*', 'apps/*', 'tooling/scripts'],
  },
});
