/**
 * 'crash' (tests only): a real SIGSEGV in a worker thread, from the test build of the addon
 * (scripts/build-test-addon.sh, selected with CONVSCOPE_KERNELS_ADDON). With the shipped addon it
 * throws instead, so it cannot take a user's compute process down.
 */
import { loadAddon, type NativeAddon } from '../../../native-kernels/addon.js';
import type { JobHandler } from '../jobRegistry.js';
import type { JobIO } from '../jobTypes.js';
import { defineTask } from '../task.js';

declare module '../jobTypes.js' {
  interface ComputeJobs {
    crash: JobIO<null, never>;
  }
}

/** Worker thread: faults if the addon can, throws otherwise. */
export function crashThread(): never {
  const addon = loadAddon() as NativeAddon & { crashForTest?: () => void };
  if (typeof addon.crashForTest !== 'function')
    throw new Error(
      'this addon build has no crashForTest() (build it with scripts/build-test-addon.sh and point CONVSCOPE_KERNELS_ADDON at it)',
    );
  addon.crashForTest();
  throw new Error('crashForTest() returned');
}

const crashTask = defineTask<null, never>(import.meta.url, 'crashThread', crashThread);

/** Compute process: runs the fault on one worker thread. */
export const crash: JobHandler<null, never> = (_payload, context) => context.pool.run(crashTask, null);
