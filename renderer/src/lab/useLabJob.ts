/**
 * Runs an instrument's job of one or several 'lab:kernel' calls (a chain of layers, a forward pass
 * and its backward, or a few independent ops) and hands back its value only when all of them are
 * done, so a figure never mixes the answers of two different settings. The newest job wins:
 * answers to older ones are dropped, so a slider dragged fast ends on its last value. `job` null
 * runs nothing; the caller memoises `job` on its inputs.
 */
import { useEffect, useRef, useState } from 'react';

import type { LabKernelRequest, LabKernelResult } from '../../../preload/contract.js';
import { api } from '../api/index.js';
import { errorMessage } from '../studio/errorMessage.js';

/** Runs one kernel op (the 'lab:kernel' call, or the API handler in tests). */
export type RunKernel = (request: LabKernelRequest) => Promise<LabKernelResult>;

export interface LabJobState<T> {
  value: T | null;
  error: string | null;
  busy: boolean;
}

const runKernel: RunKernel = (request) => api['lab:kernel'](request);

export function useLabJob<T>(job: ((run: RunKernel) => Promise<T>) | null): LabJobState<T> {
  const [state, setState] = useState<LabJobState<T>>({ value: null, error: null, busy: false });
  const latest = useRef(0);
  useEffect(() => {
    if (job === null) return;
    const ticket = ++latest.current;
    setState((s) => ({ ...s, busy: true }));
    job(runKernel).then(
      (value) => {
        if (ticket === latest.current) setState({ value, error: null, busy: false });
      },
      (reason: unknown) => {
        // The last good value stays on screen beside the error.
        if (ticket === latest.current) setState((s) => ({ ...s, error: errorMessage(reason), busy: false }));
      },
    );
  }, [job]);
  return state;
}
