import { createVitestProject } from '@switchboard/presets/vitest';

export default createVitestProject('channel-messenger');
