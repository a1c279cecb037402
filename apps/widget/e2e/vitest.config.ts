import { createVitestProject } from '@switchboard/presets/vitest';

// The widget's end-to-end tests: the built widget (dist/, built by `npm test` first) on a demo
// customer site served from another port, in Debian's Chromium, against a real server with the
// channel-webchat plugin, and an agent in the built inbox. A project of its own; files run one
// after another (each starts a host and a browser, and two cores are all CI has).
const base = createVitestProject('widget-e2e');

export default {
  ...base,
  root: import.meta.dirname,
  test: {
    ...base.test,
    include: ['*.e2e.test.ts'],
    environment: 'node',
    fileParallelism: false,
  },
};
