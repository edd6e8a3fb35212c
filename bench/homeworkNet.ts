/**
 * Section 3: inference of the homework network (28x28x1 -> CONV3-10 -> ReLU -> POOL2 -> CONV3-10
 * -> ReLU -> POOL2 -> FC-10): images/s at batch 256 on the calling thread and split over two
 * workers (each runs the whole network on its half), batch-1 latency on the calling thread, and
 * where the time goes per layer.
 */
import { loadAddon } from '../native-kernels/addon.js';
import { startBenchPool, workerWorkspaces } from './benchPool.js';
import { bitsEqual } from './compare.js';
import {
  createHomeworkModel,
  HOMEWORK_CHUNK,
  HOMEWORK_FLOPS_PER_IMAGE,
  homeworkBuffers,
  homeworkForward,
  type HomeworkModel,
} from './homeworkModel.js';
import { measure, measureInterleaved } from './measure.js';
import { busyMachineNote, peakOnCaller, peakOnPool } from './peak.js';
import type { SectionReport } from './section.js';
import { split } from './split.js';
import { median, rates, summarize, summarizeRates, type RateSummary, type Summary } from './stats.js';
import { fmt, printTable, verdict } from './table.js';

export const HOMEWORK_BATCH = 256;
export const IMAGES_PER_SECOND_TARGET = 50_000;
/** onnxruntime-node on this network, for scale (figures given with the task, not measured here). */
export const ONNXRUNTIME_IMAGES_PER_SECOND = 107_000;
export const ONNXRUNTIME_BATCH1_US = 25;
/** About 3 ms of FMAs: a probe of the cores' availability, not a peak measurement. */
const PROBE_ITERATIONS = 1_500_000;

export interface LayerTime {
  layer: string;
  medianMs: number;
  share: number;
}

export interface HomeworkResult {
  batch: number;
  chunk: number;
  flopsPerImage: number;
  /** Images/s, batch 256, calling thread. */
  oneThread: RateSummary;
  /** Images/s, batch 256, two workers with half the batch each. */
  twoThreads: RateSummary;
  /** Batch-1 forward on the calling thread, microseconds. */
  batch1LatencyUs: Summary;
  /** Round trip of an empty job on both workers, microseconds (the pool's dispatch overhead). */
  poolRoundTripUs: Summary;
  splitOutputBitExact: boolean;
  /** 2-worker over 1-thread FMA throughput in the same rounds (about 2 on an idle machine). */
  machineScaling: number;
  layers: LayerTime[];
  targets: {
    imagesPerSecond: number;
    oneThreadVerdict: string;
    twoThreadsVerdict: string;
    onnxruntimeImagesPerSecond: number;
    onnxruntimeBatch1Us: number;
  };
}

/** The network's layers as separate calls over the whole batch (chunked as in homeworkForward). */
function layerSteps(m: HomeworkModel): [string, () => void][] {
  const addon = loadAddon();
  const chunked = (step: (s: number, e: number) => void) => () => {
    for (let s = 0; s < m.batch; s += HOMEWORK_CHUNK) step(s, Math.min(m.batch, s + HOMEWORK_CHUNK));
  };
  return [
    [
      `conv1 3x3 1->10 +ReLU (${addon.conv2dAlgorithm(m.g1)})`,
      chunked((s, e) => void addon.conv2dForward(m.x, m.w1, m.b1, m.a1, m.g1, s * 28, e * 28, 1)),
    ],
    ['maxpool1 2x2', chunked((s, e) => addon.maxPool2dForward(m.a1, m.p1, m.i1, m.q1, s * 10, e * 10))],
    [
      `conv2 3x3 10->10 +ReLU (${addon.conv2dAlgorithm(m.g2)})`,
      chunked((s, e) => void addon.conv2dForward(m.p1, m.w2, m.b2, m.a2, m.g2, s * 14, e * 14, 1)),
    ],
    ['maxpool2 2x2', chunked((s, e) => addon.maxPool2dForward(m.a2, m.p2, m.i2, m.q2, s * 10, e * 10))],
    [
      'fc 490->10',
      chunked((s, e) => void addon.linearForward(m.p2, m.w3, m.b3, m.out, m.batch, 490, 10, s, e)),
    ],
  ];
}

export async function runHomeworkNet(): Promise<SectionReport<HomeworkResult>> {
  const addon = loadAddon();
  const pool = await startBenchPool();
  const model = createHomeworkModel(HOMEWORK_BATCH);
  pool.share(homeworkBuffers(model, 'net.'));
  const single = model.batch === 1 ? model : createHomeworkModel(1);

  const oneThread = (): void => homeworkForward(addon, model, 0, model.batch);
  const jobs = Array.from({ length: pool.size }, (_, i) => ({
    task: 'homeworkForward',
    args: [...split(model.batch, pool.size, i), HOMEWORK_CHUNK],
  }));
  const twoThreads = (): void => void pool.run(jobs);

  // The split must reproduce the single-thread logits exactly (checked once, outside the timing).
  oneThread();
  const reference = model.out.slice();
  model.out.fill(0);
  twoThreads();
  const splitOutputBitExact = bitsEqual(model.out, reference);

  const noops = Array.from({ length: pool.size }, () => ({ task: 'noop' }));
  const roundTrip = measure(() => void pool.run(noops), {
    warmup: 200,
    minRuns: 2000,
    budgetMs: 300,
  });
  // Short FMA-peak runs in the same rounds show whether the workers really had a core each.
  const [t1, t2, p1, p2] = measureInterleaved(
    [oneThread, twoThreads, () => peakOnCaller(PROBE_ITERATIONS), () => peakOnPool(pool, PROBE_ITERATIONS)],
    { warmup: 5, rounds: 61 },
  );
  const probeFlops = (addon.fmaPeak(1000) / 1000) * PROBE_ITERATIONS;
  const peakOne = summarizeRates(rates(p1, probeFlops / 1e9));
  const peakMany = summarizeRates(rates(p2, (pool.size * probeFlops) / 1e9));
  const latency = measure(() => homeworkForward(addon, single, 0, 1), {
    warmup: 500,
    minRuns: 5000,
    budgetMs: 800,
  });
  const steps = layerSteps(model);
  const stepTimes = measureInterleaved(
    steps.map(([, fn]) => fn),
    { warmup: 2, rounds: 15 },
  ).map(median);
  const totalSteps = stepTimes.reduce((a, b) => a + b, 0);

  const result: HomeworkResult = {
    batch: model.batch,
    chunk: HOMEWORK_CHUNK,
    flopsPerImage: HOMEWORK_FLOPS_PER_IMAGE,
    oneThread: summarizeRates(rates(t1, model.batch)),
    twoThreads: summarizeRates(rates(t2, model.batch)),
    batch1LatencyUs: summarize(latency.map((ms) => ms * 1000)),
    poolRoundTripUs: summarize(roundTrip.map((ms) => ms * 1000)),
    splitOutputBitExact,
    machineScaling: peakMany.median / peakOne.median,
    layers: steps.map(([layer], i) => ({ layer, medianMs: stepTimes[i], share: stepTimes[i] / totalSteps })),
    targets: {
      imagesPerSecond: IMAGES_PER_SECOND_TARGET,
      oneThreadVerdict: '',
      twoThreadsVerdict: '',
      onnxruntimeImagesPerSecond: ONNXRUNTIME_IMAGES_PER_SECOND,
      onnxruntimeBatch1Us: ONNXRUNTIME_BATCH1_US,
    },
  };
  result.targets.oneThreadVerdict = verdict(result.oneThread.median, IMAGES_PER_SECOND_TARGET);
  result.targets.twoThreadsVerdict = verdict(result.twoThreads.median, IMAGES_PER_SECOND_TARGET);

  const gflops = (imagesPerSecond: number): number => (imagesPerSecond * HOMEWORK_FLOPS_PER_IMAGE) / 1e9;
  const target = `>= ${fmt(IMAGES_PER_SECOND_TARGET, 0)}`;
  printTable(
    `Homework net inference, batch ${model.batch} (chunks of ${HOMEWORK_CHUNK} images, ${result.oneThread.runs} interleaved rounds; ${fmt(HOMEWORK_FLOPS_PER_IMAGE / 1e6, 3)} MFLOP/image)`,
    ['threads', 'median images/s', 'best images/s', 'median GFLOP/s', 'vs onnxruntime 2 thr', 'target'],
    [
      [
        '1 (calling thread)',
        fmt(result.oneThread.median, 0),
        fmt(result.oneThread.best, 0),
        gflops(result.oneThread.median),
        `${fmt(result.oneThread.median / ONNXRUNTIME_IMAGES_PER_SECOND, 2)}x`,
        `${target}: ${result.targets.oneThreadVerdict}`,
      ],
      [
        `${pool.size} (workers, half batch each)`,
        fmt(result.twoThreads.median, 0),
        fmt(result.twoThreads.best, 0),
        gflops(result.twoThreads.median),
        `${fmt(result.twoThreads.median / ONNXRUNTIME_IMAGES_PER_SECOND, 2)}x`,
        `${target}: ${result.targets.twoThreadsVerdict}`,
      ],
    ],
  );
  printTable(
    'Homework net latency and dispatch (microseconds)',
    ['what', 'median us', 'min us', 'runs', 'for scale'],
    [
      [
        'batch-1 forward, calling thread',
        fmt(result.batch1LatencyUs.median, 1),
        fmt(result.batch1LatencyUs.min, 1),
        String(result.batch1LatencyUs.runs),
        `onnxruntime ~${ONNXRUNTIME_BATCH1_US} us`,
      ],
      [
        `empty job on ${pool.size} workers (pool round trip)`,
        fmt(result.poolRoundTripUs.median, 1),
        fmt(result.poolRoundTripUs.min, 1),
        String(result.poolRoundTripUs.runs),
        '',
      ],
    ],
  );
  printTable(
    `Homework net per layer, batch ${model.batch}, calling thread`,
    ['layer', 'median ms', 'share', 'ns per image'],
    result.layers.map((l) => [
      l.layer,
      fmt(l.medianMs, 3),
      `${fmt(100 * l.share, 1)}%`,
      fmt((l.medianMs * 1e6) / model.batch, 0),
    ]),
  );
  const note = busyMachineNote(peakOne, peakMany, pool.size);
  if (note !== undefined) console.log(note);
  console.log(
    `split check: 2-worker logits ${splitOutputBitExact ? 'bit-exact with' : 'DIFFER from'} the single-thread logits`,
  );

  const workers = workerWorkspaces(pool);
  await pool.close();
  return { result, workspaceBytes: { main: addon.workspaceBytes(), workers } };
}
