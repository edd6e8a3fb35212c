/** 'processStats': the compute process's memory and image store, for diagnostics and benchmarks. */
import { storeSize } from '../imageStore.js';
import type { JobHandler } from '../jobRegistry.js';
import type { JobIO } from '../jobTypes.js';

/** Output of 'processStats'. */
export interface ProcessStats {
  /** Peak resident set size of the compute process so far, KiB. */
  maxRssKiB: number;
  rssBytes: number;
  storedImages: number;
  storedBytes: number;
}

declare module '../jobTypes.js' {
  interface ComputeJobs {
    processStats: JobIO<Record<string, never>, ProcessStats>;
  }
}

/** Reports this process's memory. */
export const processStats: JobHandler<Record<string, never>, ProcessStats> = () => {
  const store = storeSize();
  return {
    maxRssKiB: process.resourceUsage().maxRSS,
    rssBytes: process.memoryUsage.rss(),
    storedImages: store.images,
    storedBytes: store.bytes,
  };
};
