/**
 * The compute process's side of the transport: Electron's `process.parentPort` in a
 * utilityProcess, the IPC channel (`process.send`) in a Node child process.
 */
import type { FromCompute, ToCompute } from './protocol.js';

/** The link from the compute process to its client. */
export interface ParentChannel {
  post(message: FromCompute): void;
  onMessage(listener: (message: ToCompute) => void): void;
  /** The client went away (Node only; Electron kills a utility process with its parent). */
  onDisconnect(listener: () => void): void;
}

/** The part of Electron's ParentPort used here (typed locally: nothing here imports electron). */
interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/** Connects to whichever parent started this process. */
export function connectToParent(): ParentChannel {
  const parentPort = (process as NodeJS.Process & { parentPort?: ElectronParentPort }).parentPort;
  if (parentPort !== undefined) {
    return {
      post: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as ToCompute)),
      onDisconnect: () => {},
    };
  }
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('the compute process must be started with an IPC channel');
  return {
    post: (message) => {
      if (process.connected) send(message);
    },
    onMessage: (listener) => process.on('message', (message) => listener(message as ToCompute)),
    onDisconnect: (listener) => process.once('disconnect', listener),
  };
}
