/** One kernel-library op for an instrument: useLabJob with a job of a single 'lab:kernel' call. */
import type { LabKernelRequest, LabKernelResult } from '../../../preload/contract.js';
import { useLabJob, type RunKernel } from './useLabJob.js';

export interface LabKernelState {
  /** The request `result` answers. */
  request: LabKernelRequest | null;
  result: LabKernelResult | null;
  error: string | null;
  busy: boolean;
}

const runOne = (request: LabKernelRequest, run: RunKernel) => run(request);

/** Runs `request` whenever it changes (memoise it); null runs nothing. */
export function useLabKernel(request: LabKernelRequest | null): LabKernelState {
  const { job, value, error, busy } = useLabJob(request, runOne);
  return { request: job, result: value, error, busy };
}
