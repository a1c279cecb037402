// The entry of the core's writer thread (see startCoreWriter). apps/server bundles its own copy of
// this entry next to the CLI; from sources (tests, `pnpm dev`) the thread loads this file.
import { parentPort, workerData } from 'node:worker_threads';
import { runCoreWriter, type CoreWriterData } from './core-writer';

if (!parentPort) throw new Error('core-writer-worker: load this file as a worker thread (startCoreWriter does)');
await runCoreWriter(workerData as CoreWriterData, parentPort);
