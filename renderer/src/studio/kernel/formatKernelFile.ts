/** The text a kernel is saved as: the back end's kernel file layout (one kernel row per line). */
import { completeKernelFile } from './kernelFileDefaults.js';
import type { KernelFile } from './types.js';

/** JSON with every option written out and one kernel row per line, ending in a newline. */
export function formatKernelFile(file: KernelFile): string {
  const lines = Object.entries(completeKernelFile(file)).map(([key, value]) => {
    if (!Array.isArray(value)) return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
    const rows = (value as number[][]).map((row) => `    [${row.map((v) => JSON.stringify(v)).join(', ')}]`);
    return `  ${JSON.stringify(key)}: [\n${rows.join(',\n')}\n  ]`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}
