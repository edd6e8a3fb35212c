/**
 * Asks the back end for a preset's kernel over the 'filter:presetKernel' channel. The contract does
 * not have that channel yet (the lead adds it); until then the call fails with a clear message
 * instead of the renderer building kernels itself (presets.ts is back-end code).
 */
import { KernelFileError } from './kernelFileError.js';
import type { CompleteKernelFile } from './types.js';
import { validateKernelFile } from './validateKernelFile.js';

/** The channel's request. */
export interface PresetKernelRequest {
  id: string;
  params: Record<string, number>;
}

/** The channel's name. */
export const PRESET_KERNEL_CHANNEL = 'filter:presetKernel';

/** The preset's kernel file from `apiObject` (the contract's api); the response is checked too. */
export async function callPresetKernel(
  apiObject: object,
  id: string,
  params: Record<string, number>,
): Promise<CompleteKernelFile> {
  // Looked up at run time so this compiles before and after the channel joins the contract.
  const call: unknown = (apiObject as Record<string, unknown>)[PRESET_KERNEL_CHANNEL];
  if (typeof call !== 'function')
    throw new Error(
      `Presets need the back end's '${PRESET_KERNEL_CHANNEL}' call, which this version does not provide`,
    );
  const request: PresetKernelRequest = { id, params };
  const response: unknown = await (call as (r: PresetKernelRequest) => Promise<unknown>)(request);
  try {
    return validateKernelFile(response);
  } catch (err) {
    throw new KernelFileError(
      `the back end sent a bad kernel for preset ${id}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
