/**
 * The shared API handlers in browser mode over a real compute process set up as the app's, for a
 * test file: call it at the file's top level; the compute process is closed after the file's tests.
 */
import path from 'node:path';
import { afterAll } from 'vitest';
import type { ApiHandlers } from '../../../main/api/apiTypes.js';
import { createApiHandlers } from '../../../main/api/createApiHandlers.js';
import { APP_CONCURRENCY, createComputeClient } from '../../../main/compute/computeClient.js';

export const SAMPLE_DIR = path.resolve('main/assets/sample');

export function browserApi(): ApiHandlers {
  // As the app runs it: several jobs in flight at once.
  const compute = createComputeClient({ concurrency: APP_CONCURRENCY });
  afterAll(() => compute.close());
  return createApiHandlers({ compute, shell: 'browser', sampleDir: SAMPLE_DIR });
}
