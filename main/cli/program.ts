/**
 * The convscope command line: one file per command under commands/, registered here. Every error
 * ends as one line on stderr and an exit code: 2 for usage errors, 1 for failures.
 */
import { Command, CommanderError } from 'commander';
import type { CliIo } from './cliIo.js';
import { registerConv2d } from './commands/conv2d.js';
import { registerFilter } from './commands/filter.js';
import { registerPredict } from './commands/predict.js';
import { registerPresets } from './commands/presets.js';
import { registerShapes } from './commands/shapes.js';
import { registerTrain } from './commands/train.js';
import { UsageError } from './usageError.js';

/** Builds the program with every command registered, writing to `io`. */
export function createProgram(io: CliIo): Command {
  const program = new Command('convscope')
    .description('Filters, exact convolution arithmetic and network shapes, from the Convscope kernels')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      // Commander may add a second line ("(Did you mean shapes?)"); the contract is one line.
      outputError: (text, write) => write(`${oneLine(text)}\n`),
    });
  registerConv2d(program, io);
  registerFilter(program, io);
  registerShapes(program, io);
  registerPresets(program, io);
  registerPredict(program, io);
  registerTrain(program, io);
  return program;
}

/** Runs the CLI on the arguments after `node script`; resolves to the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  // With no command commander prints the whole help to stderr; a usage error is one line.
  if (args.length === 0) {
    io.err("error: no command given; run 'convscope --help' to list the commands\n");
    return 2;
  }
  const program = createProgram(io);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already written its message through outputError; help and version exit 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      io.err(`error: ${oneLine(error.message)}\n`);
      return 2;
    }
    io.err(`error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  }
}

function oneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, ' ');
}
