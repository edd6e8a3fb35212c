/** The text a kernel is saved as: the kernel file layout shared with the back end. */
import { kernelFileText } from '../../../../preload/kernelFile.js';
import { completeKernelFile } from './kernelFileDefaults.js';
import type { KernelFile } from './types.js';

/** JSON with every option written out and one kernel row per line, ending in a newline. */
export function formatKernelFile(file: KernelFile): string {
  return kernelFileText(completeKernelFile(file));
}
