import { createTsupConfig } from '@switchboard/presets/tsup';

// The workspace packages export TypeScript sources, so they are bundled into dist/cli.js. Every
// npm package stays external and is loaded from node_modules at run time (bundled, CommonJS
// packages break on `require` of Node built-ins); so the npm dependencies of the bundled
// workspace packages are dependencies of this package too — server-dependencies.test.ts keeps
// the two lists in step.
export default createTsupConfig({
  // core-writer.js: the entry of the core's writer thread, started by dist/cli.js.
  entry: ['src/cli.ts', 'src/core-writer.ts'],
  platform: 'node',
  dts: false,
  banner: { js: '#!/usr/bin/env node' },
  noExternal: [/^@switchboard\//],
  external: [/^(?!@switchboard\/)(?!node:)[^./]/],
});
