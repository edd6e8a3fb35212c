/**
 * Two kernel-library ops in sequence through 'lab:kernel': the first, then a second built from the
 * first's answer (batch norm's backward needs the forward pass's saved mean and 1/std). Like
 * useLabKernel the newest request wins, and both answers always belong to the same inputs: a
 * backward pass is never paired with the forward pass of an older X.
 */
import { useEffect, useRef, useState } from 'react';

import type { LabKernelRequest, LabKernelResult } from '../../../../preload/contract.js';
import { api } from '../../api/index.js';
import { errorMessage } from '../../studio/errorMessage.js';

export interface ChainedKernelState {
  first: LabKernelResult | null;
  second: LabKernelResult | null;
  error: string | null;
  busy: boolean;
}

export function useChainedKernel(
  first: LabKernelRequest | null,
  makeSecond: (firstResult: LabKernelResult) => LabKernelRequest,
): ChainedKernelState {
  const [state, setState] = useState<ChainedKernelState>({
    first: null,
    second: null,
    error: null,
    busy: false,
  });
  const latest = useRef(0);
  useEffect(() => {
    if (first === null) return;
    const ticket = ++latest.current;
    setState((s) => ({ ...s, busy: true }));
    (async () => {
      const a = await api['lab:kernel'](first);
      if (ticket !== latest.current) return;
      const b = await api['lab:kernel'](makeSecond(a));
      if (ticket === latest.current) setState({ first: a, second: b, error: null, busy: false });
    })().catch((reason: unknown) => {
      if (ticket === latest.current)
        setState({ first: null, second: null, error: errorMessage(reason), busy: false });
    });
  }, [first, makeSecond]);
  return state;
}
