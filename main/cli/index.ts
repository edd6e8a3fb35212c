/** The CLI's entry point (started by convscope.mjs): runs the program and sets the exit code. */
import { processIo } from './cliIo.js';
import { runCli } from './program.js';

// exitCode rather than process.exit(), so that output piped to another process is flushed first.
process.exitCode = await runCli(process.argv.slice(2), processIo);
