/**
 * An instrument's kernel job that carries more than its request (what the figure needs to draw the
 * answer): useLabJob running `job.request`, keeping the job with its answer.
 */
import type { LabKernelRequest, LabKernelResult } from '../../../../preload/contract.js';
import { useLabJob, type RunKernel } from '../useLabJob.js';

export interface KernelJob {
  request: LabKernelRequest;
}

export interface KernelAnswer<J extends KernelJob> {
  /** The last job that settled and its result (null while none succeeded yet). */
  job: J | null;
  result: LabKernelResult | null;
  /** The current job's refusal by the kernel library, if it refused. */
  error: string | null;
  /** The current job has not settled yet. */
  busy: boolean;
}

const runRequest = (job: KernelJob, run: RunKernel) => run(job.request);

export function useKernelAnswer<J extends KernelJob>(job: J | null): KernelAnswer<J> {
  const { job: answered, value, error, busy } = useLabJob(job, runRequest);
  return { job: answered, result: value, error, busy };
}
