/**
 * Runs one kernel-library op for an instrument ('lab:kernel'), again whenever the request changes;
 * the newest request wins (answers to older ones are dropped), so a slider dragged fast ends on
 * its last value. `request` null runs nothing.
 */
import { useEffect, useRef, useState } from 'react';

import type { LabKernelRequest, LabKernelResult } from '../../../preload/contract.js';
import { api } from '../api/index.js';
import { errorMessage } from '../studio/errorMessage.js';

export interface LabKernelState {
  result: LabKernelResult | null;
  error: string | null;
  busy: boolean;
}

export function useLabKernel(request: LabKernelRequest | null): LabKernelState {
  const [state, setState] = useState<LabKernelState>({ result: null, error: null, busy: false });
  const latest = useRef(0);
  useEffect(() => {
    if (request === null) return;
    const ticket = ++latest.current;
    setState((s) => ({ ...s, busy: true }));
    api['lab:kernel'](request).then(
      (result) => {
        if (ticket === latest.current) setState({ result, error: null, busy: false });
      },
      (reason: unknown) => {
        if (ticket === latest.current) setState({ result: null, error: errorMessage(reason), busy: false });
      },
    );
  }, [request]);
  return state;
}
