/**
 * Repeated timing of a synchronous piece of work. Everything the bench times is synchronous (the
 * worker pool dispatches and waits with Atomics), so no event-loop turns sit inside a sample.
 */
import { performance } from 'node:perf_hooks';

export interface MeasureOptions {
  /** Untimed runs first: JIT, page faults of fresh buffers, workspace growth, worker wake-up. */
  warmup: number;
  /** Timed runs at least. */
  minRuns: number;
  /** Stop adding runs once this many ms have been spent timing (after minRuns). */
  budgetMs: number;
  /** Never more runs than this. */
  maxRuns?: number;
}

/** Times `fn` repeatedly; returns the wall time of each timed run in ms. */
export function measure(fn: () => void, options: MeasureOptions): number[] {
  for (let i = 0; i < options.warmup; ++i) fn();
  const samples: number[] = [];
  const maxRuns = options.maxRuns ?? Number.MAX_SAFE_INTEGER;
  const start = performance.now();
  while (
    samples.length < maxRuns &&
    (samples.length < options.minRuns || performance.now() - start < options.budgetMs)
  ) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

/**
 * Times several pieces of work in interleaved rounds (a, b, c, a, b, c, ...), so that slow phases
 * of a noisy machine hit every piece alike and ratios between them stay meaningful.
 */
export function measureInterleaved(
  fns: ReadonlyArray<() => void>,
  options: { warmup: number; rounds: number },
): number[][] {
  for (let i = 0; i < options.warmup; ++i) for (const fn of fns) fn();
  const samples: number[][] = fns.map(() => []);
  for (let r = 0; r < options.rounds; ++r) {
    fns.forEach((fn, i) => {
      const t0 = performance.now();
      fn();
      samples[i].push(performance.now() - t0);
    });
  }
  return samples;
}
