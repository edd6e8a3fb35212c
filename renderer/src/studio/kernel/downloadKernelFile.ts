/** Saving the draft: the kernel file's JSON as a browser download (Electron handles it the same way). */
import { formatKernelFile } from './formatKernelFile.js';
import type { KernelFile } from './types.js';

/** Starts a download of `file` as `name` (application/json). */
export function downloadKernelFile(file: KernelFile, name = 'kernel.json'): void {
  const blob = new Blob([formatKernelFile(file)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is ample.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
