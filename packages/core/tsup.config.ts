import { createTsupConfig } from '@switchboard/presets/tsup';

export default createTsupConfig({
  entry: { index: 'src/index.ts', 'testing/test-host': 'src/testing/test-host.ts', 'core-writer-worker': 'src/writer/core-writer-worker.ts' },
});
