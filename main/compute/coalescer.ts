/**
 * Coalescing for previews (a slider being dragged): at most one request runs and one waits; a new
 * request replaces the waiting one. The shown result therefore lags the newest value by at most
 * one job, and no work piles up behind the pointer.
 */
import { CancelledError } from './errors.js';

/** Submits a request; see createCoalescer. */
export type Coalesced<A, R> = (arg: A) => Promise<R>;

interface Pending<A, R> {
  arg: A;
  resolve(value: R): void;
  reject(error: unknown): void;
}

/**
 * Wraps `run` so that only the newest request waits behind the running one. A replaced request's
 * promise rejects with CancelledError (reason 'superseded'): callers ignore that error the same
 * way they ignore a user's cancel. The running request is never cancelled.
 */
export function createCoalescer<A, R>(run: (arg: A) => Promise<R>): Coalesced<A, R> {
  let busy = false;
  let pending: Pending<A, R> | null = null;

  const start = (request: Pending<A, R>) => {
    busy = true;
    new Promise<R>((resolve) => resolve(run(request.arg)))
      .then(request.resolve, request.reject)
      .finally(() => {
        busy = false;
        const next = pending;
        pending = null;
        if (next !== null) start(next);
      });
  };

  return (arg) =>
    new Promise<R>((resolve, reject) => {
      const request = { arg, resolve, reject };
      if (!busy) {
        start(request);
        return;
      }
      pending?.reject(new CancelledError('superseded by a newer request', 'superseded'));
      pending = request;
    });
}
