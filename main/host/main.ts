/**
 * Convscope in browser mode: starts the compute process, the API handlers and the host on
 * 127.0.0.1, prints the page URL and opens it in Chromium when installed. Run it with
 * `npx tsx main/host/main.ts [--port N] [--renderer-dir DIR] [--no-browser]` after
 * `npx electron-vite build`. Ctrl-C (or SIGTERM) shuts everything down.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { createApiHandlers } from '../api/createApiHandlers.js';
import { APP_CONCURRENCY, createComputeClient } from '../compute/computeClient.js';
import { findChromium, launchChromium } from './launchChromium.js';
import { startHost } from './startHost.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'renderer-dir': { type: 'string' },
    'no-browser': { type: 'boolean', default: false },
  },
  strict: true,
});

const rendererDir = values['renderer-dir'] ?? fileURLToPath(new URL('../../out/renderer/', import.meta.url));
const sampleDir = fileURLToPath(new URL('../assets/sample/', import.meta.url));
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`convscope host: expected a port number 0..65535 but received ${values.port}`);
  process.exit(2);
}
if (!existsSync(`${rendererDir}/index.html`)) {
  console.error(`convscope host: no index.html in ${rendererDir}; run \`npx electron-vite build\` first`);
  process.exit(1);
}

const compute = createComputeClient({ concurrency: APP_CONCURRENCY });
const handlers = createApiHandlers({ compute, shell: 'browser', sampleDir });
const host = await startHost({ port, rendererDir, handlers });
console.log(`Convscope is running at ${host.url}`);
console.log('Open that URL (it includes the access token); press Ctrl-C to stop.');

let browser: ChildProcess | null = null;
const chromium = values['no-browser'] ? null : findChromium();
if (chromium !== null) {
  browser = launchChromium(chromium, host.url);
  browser.on('error', (error) => console.error(`convscope host: could not start Chromium: ${error.message}`));
  browser.on('exit', () => (browser = null));
}

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    // A second Ctrl-C while closing: the user wants out now.
    process.exit(1);
  }
  stopping = true;
  console.log(`\n${signal}: shutting down`);
  browser?.kill('SIGTERM');
  const results = await Promise.allSettled([host.close(), compute.close()]);
  for (const r of results) if (r.status === 'rejected') console.error(`convscope host: ${String(r.reason)}`);
  process.exitCode = results.some((r) => r.status === 'rejected') ? 1 : 0;
}
process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));
