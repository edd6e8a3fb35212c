/**
 * Extra section: the conv forward algorithms (im2col + GEMM vs direct) forced one at a time on
 * shapes from both sides of the addon's 'auto' rule, on the calling thread, so the rule in
 * native-kernels/src/conv2d.cc (choose_algorithm) can be checked against measurement.
 */
import { loadAddon } from '../native-kernels/addon.js';
import { measure, measureInterleaved } from './measure.js';
import type { SectionReport } from './section.js';
import { fillUniform, seededRandom } from './seededRandom.js';
import { median, rates, summarizeRates, type RateSummary } from './stats.js';
import { fmt, printTable } from './table.js';

interface ConvShape {
  name: string;
  n: number;
  c: number;
  h: number;
  w: number;
  f: number;
  k: number;
  pad: number;
  groups: number;
}

const SHAPES: readonly ConvShape[] = [
  { name: 'bench layer', n: 8, c: 64, h: 56, w: 56, f: 64, k: 3, pad: 1, groups: 1 },
  { name: 'homework conv1', n: 256, c: 1, h: 28, w: 28, f: 10, k: 3, pad: 1, groups: 1 },
  { name: 'homework conv2', n: 256, c: 10, h: 14, w: 14, f: 10, k: 3, pad: 1, groups: 1 },
  { name: 'depthwise', n: 8, c: 32, h: 56, w: 56, f: 32, k: 3, pad: 1, groups: 32 },
  { name: 'image filter (1 ch, 1 filter)', n: 1, c: 1, h: 512, w: 512, f: 1, k: 5, pad: 2, groups: 1 },
  { name: 'RGB -> 2 filters', n: 4, c: 3, h: 128, w: 128, f: 2, k: 3, pad: 1, groups: 1 },
];

export interface ConvAlgorithmResult {
  shape: ConvShape;
  flops: number;
  auto: string;
  /** GFLOP/s. */
  gemm: RateSummary;
  direct: RateSummary;
  /** Whether 'auto' picked the faster of the two (by median). */
  autoPicksFaster: boolean;
}

/** About this much timing per shape: enough rounds for a median, short enough for the budget. */
const BUDGET_MS = 400;

export async function runConvAlgorithms(): Promise<SectionReport<ConvAlgorithmResult[]>> {
  const addon = loadAddon();
  const random = seededRandom(3);
  const results = SHAPES.map((s): ConvAlgorithmResult => {
    const cg = s.c / s.groups;
    const x = fillUniform(new Float32Array(s.n * s.c * s.h * s.w), random);
    const w = fillUniform(new Float32Array(s.f * cg * s.k * s.k), random, 1 / Math.sqrt(cg * s.k * s.k));
    const b = fillUniform(new Float32Array(s.f), random);
    const oh = s.h + 2 * s.pad - s.k + 1;
    const ow = s.w + 2 * s.pad - s.k + 1;
    const y = new Float32Array(s.n * s.f * oh * ow);
    const flops = 2 * s.n * s.f * cg * s.k * s.k * oh * ow;
    // [n, c, h, w, f, kh, kw, sh, sw, ph, pw, dh, dw, groups, mode, flip, algorithm]
    const geometry = (algorithm: number): Int32Array =>
      Int32Array.of(s.n, s.c, s.h, s.w, s.f, s.k, s.k, 1, 1, s.pad, s.pad, 1, 1, s.groups, 0, 0, algorithm);
    const [autoG, gemmG, directG] = [geometry(0), geometry(1), geometry(2)];
    const run = (g: Int32Array) => () => void addon.conv2dForward(x, w, b, y, g, 0, s.n * oh, 0);
    const once = median(
      measure(() => (run(gemmG)(), run(directG)()), { warmup: 1, minRuns: 1, budgetMs: 0 }),
    );
    const rounds = Math.max(5, Math.min(41, Math.ceil(BUDGET_MS / once)));
    const [tg, td] = measureInterleaved([run(gemmG), run(directG)], { warmup: 1, rounds });
    const gemm = summarizeRates(rates(tg, flops / 1e9));
    const direct = summarizeRates(rates(td, flops / 1e9));
    const auto = addon.conv2dAlgorithm(autoG);
    const faster = gemm.median >= direct.median ? 'gemm' : 'direct';
    return { shape: s, flops, auto, gemm, direct, autoPicksFaster: auto === faster };
  });
  printTable(
    'Conv forward algorithms, calling thread (GFLOP/s, median of interleaved rounds)',
    ['shape', 'x / w', 'MFLOP', 'gemm', 'direct', 'direct / gemm', 'auto picks'],
    results.map((r) => {
      const s = r.shape;
      return [
        s.name,
        `[${s.n},${s.c},${s.h},${s.w}] / [${s.f},${s.c / s.groups},${s.k},${s.k}]${s.groups > 1 ? ` g${s.groups}` : ''}`,
        fmt(r.flops / 1e6, 1),
        r.gemm.median,
        r.direct.median,
        `${fmt(r.direct.median / r.gemm.median, 2)}x`,
        `${r.auto}${r.autoPicksFaster ? '' : ' (slower one!)'}`,
      ];
    }),
  );
  return { result: results, workspaceBytes: { main: addon.workspaceBytes(), workers: [] } };
}
