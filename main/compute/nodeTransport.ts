/** The compute process as a Node child process (plain Node, the CLI, tests). */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { FromCompute } from './protocol.js';
import type { ComputeExit, ComputeTransport } from './transport.js';

/** Options of the Node transport. */
export interface NodeTransportOptions {
  /** The compute process's entry (default computeProcess.ts next to this file). */
  entry?: URL;
  /** Its environment (default this process's). */
  env?: NodeJS.ProcessEnv;
  /** Node flags; default: tsx's loader when the entry is TypeScript. */
  execArgv?: string[];
}

/**
 * `--import tsx` only resolves from a working directory inside this repository, so the loader is
 * passed by absolute URL. (Unlike worker threads, a child process does load a .ts entry this way.)
 */
function tsxLoaderArgs(): string[] {
  const loader = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(loader).href];
}

/** Forks a new compute process; 'advanced' serialization so typed arrays cross as typed arrays. */
export function createNodeTransport(options: NodeTransportOptions = {}): ComputeTransport {
  const entry = options.entry ?? new URL('./computeProcess.ts', import.meta.url);
  const file = fileURLToPath(entry);
  const child = fork(file, [], {
    execArgv: options.execArgv ?? (file.endsWith('.ts') ? tsxLoaderArgs() : []),
    env: options.env ?? process.env,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // A send racing the child's death reports here; the 'exit' that follows is what counts.
  child.on('error', () => {});
  return {
    postMessage: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as FromCompute)),
    onExit: (listener) =>
      child.once('exit', (code, signal) => listener({ code, signal } satisfies ComputeExit)),
    kill: () => {
      child.kill('SIGKILL');
    },
  };
}
