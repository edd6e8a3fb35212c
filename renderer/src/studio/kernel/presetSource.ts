/** Preset kernels from the back end (see presetKernelCaller.ts for why this is a call). */
import { api } from '../../api/index.js';
import { callPresetKernel } from './presetKernelCaller.js';
import type { CompleteKernelFile } from './types.js';

/** The kernel file of preset `id` with `params` (validated by the back end against its ranges). */
export function buildPresetKernel(id: string, params: Record<string, number>): Promise<CompleteKernelFile> {
  return callPresetKernel(api, id, params);
}
