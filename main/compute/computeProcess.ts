/**
 * Entry of the compute process (a child process under Node, a utilityProcess in Electron). It owns
 * the worker-thread pool, so a native crash in any thread ends this process and not the client's.
 * CONVSCOPE_COMPUTE_THREADS overrides the pool size (default: the machine's cores).
 */
import os from 'node:os';

import { jobNames } from './jobRegistry.js';
import { JobRunner } from './jobRunner.js';
import { registerBuiltinJobs } from './jobs/index.js';
import { connectToParent } from './parentChannel.js';
import { createPool } from './pool.js';

const channel = connectToParent();
const requested = Number(process.env.CONVSCOPE_COMPUTE_THREADS);
const pool = createPool(Number.isInteger(requested) && requested > 0 ? requested : os.availableParallelism());
registerBuiltinJobs();
const runner = new JobRunner(pool, (message) => channel.post(message));

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  // The client has already failed these jobs; stop them so that closing the pool does not wait.
  runner.cancelAll();
  await pool.close();
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
