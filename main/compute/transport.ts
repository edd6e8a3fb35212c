/**
 * The process boundary, as small as it can be so that Electron's utilityProcess and Node's
 * child_process fit behind it (utilityProcessTransport.ts, nodeTransport.ts).
 */
import type { FromCompute, ToCompute } from './protocol.js';

/** How a compute process ended; `signal` is null where the platform does not say (Electron). */
export interface ComputeExit {
  code: number | null;
  signal: string | null;
}

/** One running compute process as the client sees it. */
export interface ComputeTransport {
  postMessage(message: ToCompute): void;
  onMessage(listener: (message: FromCompute) => void): void;
  /** Called once, whether the process exited, crashed or was killed. */
  onExit(listener: (exit: ComputeExit) => void): void;
  /** Ends the process now (no clean-up in it). */
  kill(): void;
}

/** Starts a new compute process; the client calls it again after each crash. */
export type TransportFactory = () => ComputeTransport;
