/**
 * Entry of a section's child process: `sectionChild.ts <section>`. Running each section in its
 * own process keeps one section's heap, buffers and addon workspace out of the next one's peak
 * RSS. The result goes back to bench/index.ts over the fork IPC channel.
 */
import { performance } from 'node:perf_hooks';

import type { SectionMessage } from './section.js';
import { SECTIONS } from './sections.js';

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const run = SECTIONS[name];
  const start = performance.now();
  let message: SectionMessage;
  if (run === undefined) {
    message = { section: name, ok: false, error: `unknown section "${name}"`, maxRssKiB: 0, wallMs: 0 };
  } else {
    try {
      const report = await run();
      message = {
        section: name,
        ok: true,
        result: report.result,
        workspaceBytes: report.workspaceBytes,
        maxRssKiB: process.resourceUsage().maxRSS,
        wallMs: performance.now() - start,
      };
    } catch (error) {
      message = {
        section: name,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        maxRssKiB: process.resourceUsage().maxRSS,
        wallMs: performance.now() - start,
      };
    }
  }
  if (process.send === undefined) {
    // Run by hand (not forked by index.ts): the tables are already on stdout.
    console.log(JSON.stringify({ ...message, result: undefined }, null, 2));
  } else {
    await new Promise<void>((resolve, reject) =>
      process.send?.(message, undefined, {}, (e) => (e ? reject(e) : resolve())),
    );
  }
  process.exitCode = message.ok ? 0 : 1;
}

await main();
