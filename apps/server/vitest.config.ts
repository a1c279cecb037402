import { createVitestProject } from '@switchboard/presets/vitest';

// The bench's tooling (bench/lib) has tests of its own.
export default createVitestProject('server', { include: ['bench/**/*.test.ts'] });
