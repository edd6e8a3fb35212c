/**
 * Section explorerForward: what the network explorer waits for when it steps through a model or
 * hovers a unit, on the homework network built through the IR (as an imported or shipped model
 * is) with seeded random weights, one 28x28 input, the calling thread:
 * - runGraph: validation and planning plus the forward pass keeping every activation;
 * - runPlan: the forward pass alone on a plan made once;
 * - inputGradient: forward plus backward to the input for one unit (the effective receptive field);
 * - graphLayers: the layer table with every receptive field.
 * The target is the issue's: the whole forward with all activations under 5 ms.
 */
import { loadAddon } from '../native-kernels/addon.js';
import { graphLayers } from '../main/service/network/graphLayers.js';
import { inputGradient } from '../main/service/network/inputGradient.js';
import { planGraph } from '../main/service/network/planGraph.js';
import { runGraph, runPlan } from '../main/service/network/runGraph.js';
import { homeworkGraph } from '../test/unit/network/graphs/homeworkGraph.js';
import { measure } from './measure.js';
import type { SectionReport } from './section.js';
import { fillUniform, seededRandom } from './seededRandom.js';
import { summarize, type Summary } from './stats.js';
import { fmt, printTable } from './table.js';

export const EXPLORER_TARGET_MS = 5;

export interface ExplorerTiming {
  what: string;
  ms: Summary;
  verdict: string;
}

export interface ExplorerResult {
  targetMs: number;
  variants: { name: string; timings: ExplorerTiming[] }[];
}

const OPTIONS = { warmup: 50, minRuns: 300, budgetMs: 400 };

export async function runExplorerForward(): Promise<SectionReport<ExplorerResult>> {
  const variants: ExplorerResult['variants'] = [];
  for (const [name, options] of [
    ['homework', {}],
    ['homework + batch norm + dropout', { batchNorm: true, dropout: true }],
  ] as const) {
    const graph = homeworkGraph({ ...options, seed: 2 });
    const input = {
      dims: [1, 1, 28, 28],
      data: fillUniform(new Float32Array(784), seededRandom(11), 1).map(Math.abs),
    };
    const plan = planGraph(graph);
    const runs: [string, () => void][] = [
      ['runGraph: plan + forward, all activations', () => void runGraph(graph, input)],
      ['runPlan: forward only, all activations', () => void runPlan(plan, input)],
      ['inputGradient of a logit', () => void inputGradient(graph, input, { tensor: 'fc', index: [0, 3] })],
      [
        'inputGradient of a conv2 unit',
        () => void inputGradient(graph, input, { tensor: 'conv2', index: [0, 4, 7, 7] }),
      ],
      ['graphLayers: table and every receptive field', () => void graphLayers(graph)],
    ];
    const timings = runs.map(([what, fn]) => {
      const ms = summarize(measure(fn, OPTIONS));
      return { what, ms, verdict: ms.median < EXPLORER_TARGET_MS ? 'PASS' : 'MISS' };
    });
    variants.push({ name, timings });
  }
  printTable(
    `Network explorer, one 28x28 input, calling thread (target: under ${EXPLORER_TARGET_MS} ms)`,
    ['network', 'what', 'median ms', 'min ms', 'runs', `< ${EXPLORER_TARGET_MS} ms`],
    variants.flatMap((v) =>
      v.timings.map((t) => [
        v.name,
        t.what,
        fmt(t.ms.median, 3),
        fmt(t.ms.min, 3),
        String(t.ms.runs),
        t.verdict,
      ]),
    ),
  );
  return {
    result: { targetMs: EXPLORER_TARGET_MS, variants },
    workspaceBytes: { main: loadAddon().workspaceBytes(), workers: [] },
  };
}
