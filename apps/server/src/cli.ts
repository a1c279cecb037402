import { processIo } from './cli-io';
import { runCli } from './cli-program';

// Entry point of the `switchboard` binary. Exits explicitly once the command is done, so a stray
// handle (a timer, a socket a plugin forgot) cannot keep a stopped server alive.
process.exit(await runCli(process.argv, processIo()));
