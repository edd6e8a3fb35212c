/**
 * Coalescing of expensive requests (previews): at most one in flight and one pending, and a newer
 * request replaces the pending one, so dragging or typing never queues up stale work.
 */

/** What a coalescer reports; every callback gets the request it belongs to. */
export interface CoalesceHandlers<Req, Res> {
  onStart?(request: Req): void;
  onResult(result: Res, request: Req): void;
  onError(error: unknown, request: Req): void;
  /** Nothing in flight and nothing pending any more. */
  onIdle?(): void;
}

/** A coalescing front for one kind of request. */
export interface Coalescer<Req> {
  /** Runs `request` now if idle, else keeps it as the one pending request (replacing any older one). */
  request(request: Req): void;
  /** True while a request is in flight. */
  readonly busy: boolean;
  /** Stops reporting: results of requests still in flight are dropped and nothing pending starts. */
  dispose(): void;
}

/** Creates a coalescer around `run`. */
export function createCoalescer<Req, Res>(
  run: (request: Req) => Promise<Res>,
  handlers: CoalesceHandlers<Req, Res>,
): Coalescer<Req> {
  let inFlight = false;
  let pending: { request: Req } | null = null;
  let disposed = false;

  const start = (request: Req): void => {
    inFlight = true;
    handlers.onStart?.(request);
    let promise: Promise<Res>;
    try {
      promise = run(request);
    } catch (error) {
      // A synchronous throw is reported like a rejection, so the queue keeps moving.
      promise = Promise.reject(error);
    }
    promise.then(
      (result) => finish(() => handlers.onResult(result, request)),
      (error: unknown) => finish(() => handlers.onError(error, request)),
    );
  };

  const finish = (report: () => void): void => {
    inFlight = false;
    if (disposed) return;
    // The finished result is still reported: it describes its own request (region, draft), and an
    // older picture is better than none while the newest one is computed.
    report();
    if (disposed) return;
    const next = pending;
    pending = null;
    if (next !== null) start(next.request);
    else handlers.onIdle?.();
  };

  return {
    request(request: Req): void {
      if (disposed) return;
      if (inFlight) pending = { request };
      else start(request);
    },
    get busy(): boolean {
      return inFlight;
    },
    dispose(): void {
      disposed = true;
      pending = null;
    },
  };
}
