/**
 * A coalescer (studio/coalesce.ts: one request in flight, the newest pending) that lives as long
 * as the component: made in an effect, so StrictMode's unmount-remount makes a fresh one instead
 * of reusing a disposed one, and calling the latest `run` and handlers.
 */
import { useCallback, useEffect, useRef } from 'react';

import { createCoalescer, type CoalesceHandlers, type Coalescer } from '../studio/coalesce.js';

/** A stable `request` function; requests made before the effect ran are sent once it has. */
export function useCoalescer<Req, Res>(
  run: (request: Req) => Promise<Res>,
  handlers: CoalesceHandlers<Req, Res>,
): (request: Req) => void {
  const latest = useRef({ run, handlers });
  latest.current = { run, handlers };
  const coalescer = useRef<Coalescer<Req> | null>(null);
  const early = useRef<{ request: Req } | null>(null);

  useEffect(() => {
    const c = createCoalescer<Req, Res>((r) => latest.current.run(r), {
      onStart: (r) => latest.current.handlers.onStart?.(r),
      onResult: (res, r) => latest.current.handlers.onResult(res, r),
      onError: (e, r) => latest.current.handlers.onError(e, r),
      onIdle: () => latest.current.handlers.onIdle?.(),
    });
    coalescer.current = c;
    if (early.current !== null) c.request(early.current.request);
    early.current = null;
    return () => {
      c.dispose();
      coalescer.current = null;
    };
  }, []);

  return useCallback((request: Req) => {
    if (coalescer.current === null) early.current = { request };
    else coalescer.current.request(request);
  }, []);
}
