import { createTsupConfig } from '@switchboard/presets/tsup';

export default createTsupConfig({ entry: ['src/index.ts'] });
