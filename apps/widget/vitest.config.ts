import { createVitestProject } from '@switchboard/presets/vitest';
import { mergeConfig } from 'vitest/config';

// Unit tests beside the code. Logic tests run in node; DOM tests opt into happy-dom with
// `// @vitest-environment happy-dom`. The bundle-budget test builds and measures the real output.
export default mergeConfig(createVitestProject('widget'), {
  test: { include: ['src/**/*.test.tsx', 'scripts/*.test.ts'] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
