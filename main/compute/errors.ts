/**
 * The errors a compute job can end with, and their wire form: errors cross the process boundary as
 * plain {name, message, stack} and are rebuilt on the caller's side with the same class.
 */

/** Why a job was cancelled: the caller asked, or a newer coalesced request replaced it. */
export type CancelReason = 'cancelled' | 'superseded';

/** A job stopped (or never ran) because it was cancelled or superseded. */
export class CancelledError extends Error {
  readonly reason: CancelReason;
  constructor(message = 'the job was cancelled', reason: CancelReason = 'cancelled', options?: ErrorOptions) {
    super(message, options);
    this.name = 'CancelledError';
    this.reason = reason;
  }
}

/** Details of a compute process that died while jobs were running in it. */
export interface CrashDetails {
  /** Names of the jobs that were running (normally one). */
  jobNames: readonly string[];
  jobId: string;
  signal: string | null;
  exitCode: number | null;
}

/** The compute process died (a native crash, an abort, an exit) while this job was running. */
export class ComputeCrashError extends Error {
  readonly jobNames: readonly string[];
  readonly jobId: string;
  readonly signal: string | null;
  readonly exitCode: number | null;
  constructor(details: CrashDetails) {
    const how = details.signal !== null ? `crashed (${details.signal})` : `exited (code ${details.exitCode})`;
    const jobs = details.jobNames.map((name) => `'${name}'`).join(', ');
    const what = details.jobNames.length === 1 ? `job ${jobs}` : `jobs ${jobs}`;
    super(`the compute process ${how} while running ${what}; it has been restarted`);
    this.name = 'ComputeCrashError';
    this.jobNames = details.jobNames;
    this.jobId = details.jobId;
    this.signal = details.signal;
    this.exitCode = details.exitCode;
  }
}

/** The client was closed before the job finished. */
export class ComputeClosedError extends Error {
  constructor(message = 'the compute client was closed') {
    super(message);
    this.name = 'ComputeClosedError';
  }
}

/** The compute process died repeatedly before it was ready, so queued jobs were failed. */
export class ComputeStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ComputeStartError';
  }
}

/** An error as it crosses the process boundary. */
export interface WireError {
  name: string;
  message: string;
  stack?: string;
  reason?: CancelReason;
}

/** The wire form of anything thrown. */
export function errorToWire(error: unknown): WireError {
  if (error instanceof CancelledError)
    return { name: error.name, message: error.message, stack: error.stack, reason: error.reason };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

/**
 * Rebuilds a wire error on the caller's side: same class for the ones callers test for, the local
 * stack (where the caller awaited), and the compute process's stack kept as `cause`.
 */
export function errorFromWire(wire: WireError): Error {
  const remote = new Error(wire.message);
  remote.name = `${wire.name} (in the compute process)`;
  if (wire.stack !== undefined) remote.stack = wire.stack;
  const options = { cause: remote };
  switch (wire.name) {
    case 'CancelledError':
      return new CancelledError(wire.message, wire.reason ?? 'cancelled', options);
    case 'TypeError':
      return new TypeError(wire.message, options);
    case 'RangeError':
      return new RangeError(wire.message, options);
    default: {
      const error = new Error(wire.message, options);
      error.name = wire.name;
      return error;
    }
  }
}
