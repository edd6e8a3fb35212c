/**
 * A small network run as a chain of kernel-library ops: each step takes the previous step's output
 * and is either one 'lab:kernel' op or a pure rearrangement done here (a reshape or a crop, which
 * moves values but computes none). Every stage's output is kept so an instrument can show the
 * feature maps between layers, with the shapes the kernels actually returned.
 */
import type { LabKernelRequest, LabTensor } from '../../../../preload/labContract.js';

import type { RunKernel } from '../useLabJob.js';

export type { RunKernel };

export type ChainStep =
  | { label: string; kernel: (x: LabTensor) => LabKernelRequest }
  | { label: string; local: (x: LabTensor) => LabTensor };

export interface ChainStage {
  label: string;
  /** True when a kernel op produced it, false for a local rearrangement. */
  kernel: boolean;
  y: LabTensor;
}

/** Runs the steps in order from `input`; the stages come back in the same order. */
export async function runKernelChain(
  run: RunKernel,
  input: LabTensor,
  steps: readonly ChainStep[],
): Promise<ChainStage[]> {
  const stages: ChainStage[] = [];
  let x = input;
  for (const step of steps) {
    if ('kernel' in step) {
      const result = await run(step.kernel(x));
      if (result.y === undefined) throw new Error(`the '${step.label}' op returned no output y`);
      x = result.y;
      stages.push({ label: step.label, kernel: true, y: x });
    } else {
      x = step.local(x);
      stages.push({ label: step.label, kernel: false, y: x });
    }
  }
  return stages;
}
