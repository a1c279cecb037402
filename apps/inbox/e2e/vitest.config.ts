import { createVitestProject } from '@switchboard/presets/vitest';

// The inbox's end-to-end tests: the production build (`dist/`, built by `npm test` first) in
// Debian's Chromium against a real server, nats-server and libSQL file. A project of its own so
// the unit tests stay fast and DOM-free; files run one after another (each starts a host and a
// browser, and two cores are all CI has).
const base = createVitestProject('inbox-e2e');

export default {
  ...base,
  // The tests sit in this folder, also when run with `--config e2e/vitest.config.ts`.
  root: import.meta.dirname,
  test: {
    ...base.test,
    include: ['*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
  },
};
