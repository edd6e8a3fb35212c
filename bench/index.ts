/**
 * `npm run bench`: Convscope's kernel benchmark (a benchmark, never a timed test: it reports, it
 * does not fail on targets). Each section runs in its own child process, one after another, so
 * that sections do not compete for the two cores and one section's memory does not show up in
 * another's peak RSS. Tables go to stdout; every figure goes to bench/results/latest.json.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

import type { ConvLayerResult } from './convLayer.js';
import type { HomeworkResult } from './homeworkNet.js';
import { describeMachine, type Machine } from './machine.js';
import type { PeakResult } from './peak.js';
import type { SectionMessage } from './section.js';
import { SECTION_NAMES } from './sections.js';
import { fmt, printTable } from './table.js';

interface BenchResults {
  generatedAt: string;
  machine: Machine;
  totalMs: number;
  sections: Record<string, SectionMessage>;
}

/** Runs one section in a fresh Node process (with tsx's loader) and collects its message. */
function runSection(section: string): Promise<SectionMessage> {
  const entry = fileURLToPath(new URL('./sectionChild.ts', import.meta.url));
  const child = fork(entry, [section], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve) => {
    let message: SectionMessage | undefined;
    child.on('message', (m: SectionMessage) => {
      message = m;
    });
    child.on('error', (error) => {
      message ??= { section, ok: false, error: error.message, maxRssKiB: 0, wallMs: 0 };
    });
    child.on('exit', (code, signal) => {
      resolve(
        message ?? {
          section,
          ok: false,
          error: `child exited with ${signal ?? `code ${code}`} before reporting`,
          maxRssKiB: 0,
          wallMs: 0,
        },
      );
    });
  });
}

const mib = (bytes: number): string => fmt(bytes / 2 ** 20, 2);

/** The headline figures in one table, read back from the sections' results. */
function printSummary(sections: Record<string, SectionMessage>): void {
  const ok = (name: string): unknown => (sections[name]?.ok ? sections[name].result : undefined);
  const peak = ok('peak') as PeakResult | undefined;
  const conv = ok('convLayer') as ConvLayerResult | undefined;
  const net = ok('homeworkNet') as HomeworkResult | undefined;
  const rows: (string | number)[][] = [];
  if (peak) {
    rows.push([
      'FMA peak, peak section (GFLOP/s)',
      `${fmt(peak.oneThread.median)} / ${fmt(peak.twoThreads.median)}`,
      '',
    ]);
  }
  if (conv) {
    const one = conv.oneThread;
    const two = conv.twoThreads;
    rows.push([
      'FMA peak, conv rounds (GFLOP/s)',
      `${fmt(one.peakGflops.median)} / ${fmt(two.peakGflops.median)}`,
      '',
    ]);
    for (const [label, a, b] of [
      ['conv forward (GFLOP/s, of peak)', one.forward, two.forward],
      ['conv backward-input', one.backwardInput, two.backwardInput],
      ['conv backward-weight+bias', one.backwardWeight, two.backwardWeight],
    ] as const) {
      rows.push([
        label,
        `${fmt(a.gflops.median)} (${fmt(100 * a.fractionOfPeak, 0)}%) / ${fmt(b.gflops.median)} (${fmt(100 * b.fractionOfPeak, 0)}%)`,
        label.startsWith('conv forward')
          ? `2 threads >= ${conv.target.forwardTwoThreadsGflops}: ${conv.target.verdict}`
          : '',
      ]);
    }
  }
  if (net) {
    rows.push([
      `homework net, batch ${net.batch} (images/s)`,
      `${fmt(net.oneThread.median, 0)} / ${fmt(net.twoThreads.median, 0)}`,
      `>= ${fmt(net.targets.imagesPerSecond, 0)}: ${net.targets.oneThreadVerdict} / ${net.targets.twoThreadsVerdict} (onnxruntime ~${fmt(net.targets.onnxruntimeImagesPerSecond, 0)} on 2)`,
    ]);
    rows.push([
      'homework net, batch 1 (us, calling thread)',
      fmt(net.batch1LatencyUs.median, 1),
      `onnxruntime ~${net.targets.onnxruntimeBatch1Us} us`,
    ]);
    rows.push([
      '2-worker FMA scaling in homework rounds',
      `${fmt(net.machineScaling, 2)}x`,
      'about 2x when the machine is idle',
    ]);
  }
  if (rows.length > 0)
    printTable('Summary (1 thread / 2 threads)', ['figure', 'value', 'target / for scale'], rows);
}

async function main(): Promise<void> {
  const start = performance.now();
  // `npm run bench -- convLayer homeworkNet` runs just those sections.
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !SECTION_NAMES.includes(name));
  if (unknown.length > 0)
    throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${SECTION_NAMES.join(', ')}`);
  const names = wanted.length > 0 ? SECTION_NAMES.filter((name) => wanted.includes(name)) : SECTION_NAMES;
  const machine = describeMachine();
  printTable(
    'Machine',
    ['cpu', 'cores', 'dispatch (cpuLevel)', 'node', 'platform', 'load avg (1/5/15 min)'],
    [
      [
        machine.cpuModel,
        String(machine.cores),
        machine.cpuLevel,
        machine.node,
        machine.platform,
        machine.loadAverage.map((l) => fmt(l, 2)).join(' / '),
      ],
    ],
  );
  console.log(
    'Medians over repeated runs (min/best alongside); ratios are against a peer measured in the same run.',
  );

  const sections: Record<string, SectionMessage> = {};
  for (const section of names) {
    const message = await runSection(section);
    sections[section] = message;
    if (!message.ok) console.error(`\nsection ${section} FAILED:\n${message.error ?? ''}`);
  }

  printSummary(sections);
  printTable(
    'Peak memory per section process',
    ['section', 'status', 'max RSS MiB', 'workspace: calling thread MiB', 'workspace: workers MiB', 'wall s'],
    names.map((name) => {
      const m = sections[name];
      return [
        name,
        m.ok ? 'ok' : 'FAILED',
        mib(m.maxRssKiB * 1024),
        m.workspaceBytes ? mib(m.workspaceBytes.main) : '-',
        m.workspaceBytes && m.workspaceBytes.workers.length > 0
          ? m.workspaceBytes.workers.map(mib).join(', ')
          : '-',
        fmt(m.wallMs / 1000, 1),
      ];
    }),
  );

  console.log(
    'max RSS is the whole child process: Node, the tsx loader and, with a pool, two worker isolates account for ~100-150 MiB before any kernel buffer (compare convAlgorithms, which starts no pool, and peak, which allocates nothing).',
  );

  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    machine,
    totalMs: performance.now() - start,
    sections,
  };
  const out = new URL('./results/latest.json', import.meta.url);
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${fileURLToPath(out)} (${fmt(results.totalMs / 1000, 1)} s in all)`);
  // Targets are informational; only a section that could not run makes the bench fail.
  process.exitCode = names.every((name) => sections[name].ok) ? 0 : 1;
}

await main();
