/**
 * Instrument 8, dropout (forward/backward): inverted dropout on the kernels. Each pass samples a
 * mask from its seed ('New pass' takes the next seed); kept values are scaled by 1/(1 − p) so the
 * mean is preserved, which K passes (K stacked copies of x in one kernel call, each with its own
 * mask) measure against the expected spread. Evaluation is the identity (the kernel with p = 0);
 * backward sends the gradient through the same mask with the same scale (the kernel's dropout of
 * dy with the same seed: the mask is a function of the seed and the element's index only).
 */
import { useMemo, useRef, useState } from 'react';

import { InstrumentFrame } from '../InstrumentFrame.js';
import type { InstrumentMeta } from '../instrument.js';
import { DropoutFigure, type DropoutRun } from './DropoutFigure.js';
import { DROPOUT_COLS, DROPOUT_ROWS, dropoutInput, type DropoutPattern } from './dropoutInput.js';
import { dropoutStats } from './dropoutStats.js';
import type { RunKernel } from './runKernelChain.js';
import { useLabJob } from '../useLabJob.js';
import './network.css';

export const DROPOUT_META: InstrumentMeta = {
  id: 'dropout',
  title: 'Dropout: masks, scaling, mean',
  question: 'dropout (forward/backward)',
};

const FORMULA = `training:   m_i ~ Bernoulli(1 − p),  y_i = x_i · m_i / (1 − p)     E[y_i] = x_i
evaluation: y = x
backward:   dx_i = dy_i · m_i / (1 − p)   (the forward pass's mask)
mean of one pass over n cells: variance (1/n²) Σ x_i² · p/(1 − p); over K passes, divided by K`;

const PASS_CHOICES = [1, 10, 100, 1000, 10000];

export function DropoutInstrument() {
  const figure = useRef<SVGSVGElement>(null);
  const [p, setP] = useState(0.5);
  const [seed, setSeed] = useState(1);
  const [pattern, setPattern] = useState<DropoutPattern>('ones');
  const [passes, setPasses] = useState(1000);

  const job = useMemo(() => {
    const x = dropoutInput(pattern);
    const n = x.length;
    // The gradient arriving from above: a fixed ramp of signed values, so dx shows the mask and scale.
    const dy = Array.from({ length: n }, (_, i) => Math.round(((i % 9) - 4) * 25) / 100);
    return async (run: RunKernel): Promise<DropoutRun> => {
      const tiled = new Float32Array(n * passes);
      for (let k = 0; k < passes; k++) tiled.set(x, k * n);
      const [forward, evaluation, backward] = await Promise.all([
        run({ op: 'dropout', x: { shape: [passes, DROPOUT_ROWS, DROPOUT_COLS], data: tiled }, p, seed }),
        run({
          op: 'dropout',
          x: { shape: [DROPOUT_ROWS, DROPOUT_COLS], data: Float32Array.from(x) },
          p: 0,
          seed,
        }),
        run({
          op: 'dropout',
          x: { shape: [DROPOUT_ROWS, DROPOUT_COLS], data: Float32Array.from(dy) },
          p,
          seed,
        }),
      ]);
      return {
        p,
        seed,
        passes,
        x,
        y: forward.y.data,
        mask: forward.mask.data,
        evalY: evaluation.y.data,
        dy,
        dx: backward.y.data,
        backwardMask: backward.mask.data,
      };
    };
  }, [p, seed, pattern, passes]);
  const { value: run, error, busy } = useLabJob(job);
  const stats = useMemo(() => (run ? dropoutStats(run.x, run.y, run.mask, run.p) : null), [run]);

  return (
    <InstrumentFrame
      meta={DROPOUT_META}
      summary={
        <p>
          Inverted dropout as the kernels compute it: each pass zeroes every cell with probability p (the mask
          is drawn from the pass&apos;s seed) and multiplies the kept ones by 1/(1 − p), so each output&apos;s
          expected value is its input. Evaluation uses no mask and no scale. The chart averages K passes and
          shows the average closing in on the input&apos;s mean within the expected spread.
        </p>
      }
      formula={FORMULA}
      figure={figure}
      controls={
        <>
          <label className="net-slider">
            <span>
              p = <output data-testid="dropout-p-value">{p}</output> (drop probability)
            </span>
            <input
              type="range"
              min={0}
              max={0.95}
              step={0.05}
              value={p}
              data-testid="dropout-p"
              onChange={(e) => setP(Number(Number(e.target.value).toFixed(2)))}
            />
          </label>
          <div className="net-row">
            <label className="net-int">
              <span>seed</span>
              <input
                type="number"
                min={0}
                max={4294967295}
                value={seed}
                data-testid="dropout-seed"
                onChange={(e) => {
                  const s = Number(e.target.value);
                  if (Number.isInteger(s) && s >= 0 && s <= 4294967295) setSeed(s);
                }}
              />
            </label>
            <button
              type="button"
              data-testid="dropout-new-pass"
              onClick={() => setSeed((s) => (s + 1) % 4294967296)}
            >
              New pass
            </button>
          </div>
          <label className="net-row">
            <span>input x</span>
            <select
              value={pattern}
              data-testid="dropout-pattern"
              onChange={(e) => setPattern(e.target.value as DropoutPattern)}
            >
              <option value="ones">all ones</option>
              <option value="ramp">ramp 0.1 … 6.4</option>
              <option value="random">random (seeded)</option>
            </select>
          </label>
          <label className="net-row">
            <span>passes K</span>
            <select
              value={passes}
              data-testid="dropout-passes"
              onChange={(e) => setPasses(Number(e.target.value))}
            >
              {PASS_CHOICES.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <p className="net-status" aria-live="polite" data-testid="dropout-status">
            {busy
              ? 'Computing…'
              : stats
                ? `Kept ${stats.kept} of ${DROPOUT_ROWS * DROPOUT_COLS} this pass.`
                : ''}
          </p>
        </>
      }
    >
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <DropoutFigure svg={figure} run={run} stats={stats} busy={busy} />
    </InstrumentFrame>
  );
}
