/** One kernel-library op for an instrument: useLabJob with a job of a single 'lab:kernel' call. */
import { useMemo } from 'react';

import type { LabKernelRequest, LabKernelResult } from '../../../preload/contract.js';
import { useLabJob } from './useLabJob.js';

export interface LabKernelState {
  result: LabKernelResult | null;
  error: string | null;
  busy: boolean;
}

/** Runs `request` whenever it changes (memoise it); null runs nothing. */
export function useLabKernel(request: LabKernelRequest | null): LabKernelState {
  const job = useMemo(
    () =>
      request === null ? null : (run: (r: LabKernelRequest) => Promise<LabKernelResult>) => run(request),
    [request],
  );
  const { value, error, busy } = useLabJob(job);
  return { result: value, error, busy };
}
