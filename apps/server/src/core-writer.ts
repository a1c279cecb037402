// The entry of the core's writer thread in the built server: tsup bundles it as dist/core-writer.js
// next to dist/cli.js, which starts it (see start-command.ts).
import '@switchboard/core/writer-worker';
