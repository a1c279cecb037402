import { createVitestProject } from '@switchboard/presets/vitest';
import { mergeConfig } from 'vitest/config';

// Logic tests run in node; component tests opt into a DOM with `// @vitest-environment happy-dom`.
// mergeConfig concatenates arrays: this adds the .tsx tests to the preset's patterns.
export default mergeConfig(createVitestProject('inbox'), {
  test: { include: ['src/**/*.test.tsx'] },
});
