/**
 * The compute process as an Electron utilityProcess. Electron's module is a parameter and only its
 * types are imported, so nothing loads electron under plain Node. Not exercised by the Node tests
 * except through a stand-in; the entry must be the bundled JavaScript of computeProcess.ts.
 */
import type { UtilityProcess } from 'electron';

import type { FromCompute } from './protocol.js';
import type { ComputeTransport } from './transport.js';

/** The `utilityProcess` export of 'electron' (just its fork). */
export interface UtilityProcessModule {
  fork(
    modulePath: string,
    args?: string[],
    options?: { env?: NodeJS.ProcessEnv; serviceName?: string },
  ): UtilityProcess;
}

/** Options of the utilityProcess transport. */
export interface UtilityProcessTransportOptions {
  /** Built computeProcess entry (JavaScript). */
  modulePath: string;
  env?: NodeJS.ProcessEnv;
}

/** Forks a compute utility process. Electron gives only an exit code (no signal) on a crash. */
export function createUtilityProcessTransport(
  utilityProcess: UtilityProcessModule,
  options: UtilityProcessTransportOptions,
): ComputeTransport {
  const child = utilityProcess.fork(options.modulePath, [], {
    env: options.env,
    serviceName: 'Convscope compute',
  });
  return {
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: unknown) => listener(message as FromCompute)),
    onExit: (listener) => child.once('exit', (code: number) => listener({ code, signal: null })),
    kill: () => {
      child.kill();
    },
  };
}
