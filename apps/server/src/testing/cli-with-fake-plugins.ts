import { processIo } from '../cli-io';
import { runCli } from '../cli-program';
import { fakeRegistry } from './fake-plugins';

// The real CLI with the fake plugins in place of the built-in ones, for tests that spawn it to see
// how it treats plugins that are broken in ways no shipped plugin is.
process.exit(await runCli(process.argv, { ...processIo(), registry: fakeRegistry }));
