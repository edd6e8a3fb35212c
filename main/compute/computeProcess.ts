/**
 * Entry of the compute process (a child process under Node, a utilityProcess in Electron). It owns
 * the worker-thread pool, so a native crash in any thread ends this process and not the client's.
 * CONVSCOPE_COMPUTE_THREADS overrides the pool size (default: the machine's cores).
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';

import { jobNames } from './jobRegistry.js';
import { JobRunner } from './jobRunner.js';
import { registerBuiltinJobs } from './jobs/index.js';
import { connectToParent } from './parentChannel.js';
import { createPool } from './pool.js';

const channel = connectToParent();
const requested = Number(process.env.CONVSCOPE_COMPUTE_THREADS);
// From the source tree this file is TypeScript and the workers start through the tsx bootstrap; in
// the Electron build (electron.vite.config.ts) it is computeProcess.js beside the built poolWorker.js.
const built = !import.meta.url.endsWith('.ts');
const workerFile = built ? fileURLToPath(new URL('./poolWorker.js', import.meta.url)) : undefined;
const threads = Number.isInteger(requested) && requested > 0 ? requested : os.availableParallelism();
const pool = createPool(threads, workerFile);
// Long tasks (training runs) get threads of their own, started on demand: two runs go side by side
// while previews keep the main pool (the OS shares the cores between them).
const background = createPool(threads, workerFile, { onDemand: true });
registerBuiltinJobs();
const runner = new JobRunner(pool, (message) => channel.post(message), undefined, background);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  // The client has already failed these jobs; stop them so that closing the pool does not wait.
  runner.cancelAll();
  await Promise.all([pool.close(), background.close()]);
  process.exit(0);
}

channel.onMessage((message) => {
  switch (message.type) {
    case 'run':
      void runner.run(message.jobId, message.name, message.payload);
      break;
    case 'cancel':
      runner.cancel(message.jobId);
      break;
    case 'shutdown':
      void shutdown();
      break;
  }
});
// Without a client nobody can use the results: do not linger as an orphan.
channel.onDisconnect(() => process.exit(0));

await pool.warmUp();
channel.post({ type: 'ready', pid: process.pid, threads: pool.threads, jobs: jobNames() });
