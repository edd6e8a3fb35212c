/**
 * Homework 1(a): batch norm in one dimension. A large sample from N(μ, σ²) is normalised by the
 * kernel library (batchNormTrain over a [N, 1] tensor); its histogram before and after is drawn
 * under the closed-form densities N(μ, σ²) and N(β, γ²). Below, many batches of size m go through
 * the kernel as one [m, K] tensor (one batch per column), whose per-column statistics are the K
 * batch means and variances: their spread against the closed form shows how noisy small batches
 * are.
 */
import { useMemo, useRef, useState } from 'react';

import { Axes } from '../charts/Axes.js';
import { linearScale, niceStep } from '../charts/linearScale.js';
import type { InstrumentMeta } from '../instrument.js';
import { InstrumentFrame } from '../InstrumentFrame.js';
import { useLabKernel } from '../useLabKernel.js';
import { BN_1D_DEFAULTS } from './batchNormDefaults.js';
import { batchNormTrainRequest, BN_EPS, varianceFromInvstd } from './batchNormRequest.js';
import { batchStatisticsClosedForm } from './batchStatisticsClosedForm.js';
import { AFTER_COLOR, BEFORE_COLOR, FAINT, INK } from './colors.js';
import { formatNumber } from './formatNumber.js';
import { histogram, type Histogram } from './histogram.js';
import { normalDensity } from './normalDensity.js';
import { sampleMoments } from './sampleMoments.js';
import { Slider } from './Slider.js';
import { standardNormals } from './standardNormals.js';
import './batchnorm.css';

export const BN_1D_META: InstrumentMeta = {
  id: 'bn-1d',
  title: 'Batch norm in one dimension',
  question: '1(a)',
};

const D = BN_1D_DEFAULTS;
const SAMPLE_SIZE = D.sampleSize;
const BATCHES = D.batches;
/** Batches drawn in the lower panel (all of them enter the table). */
const SHOWN_BATCHES = 12;
const MAX_LOG2_BATCH = D.maxLog2m;
const BINS = 40;

const W = 720;
const H = 540;
const LEFT = 60;
const RIGHT = W - 20;
const TOP = { top: 66, bottom: 290 };
const LOW = { top: 372, bottom: 482 };

const FORMULA = `μ_B = (1/m) Σ xᵢ    σ_B² = (1/m) Σ (xᵢ − μ_B)²    x̂ᵢ = (xᵢ − μ_B) / √(σ_B² + ε)    yᵢ = γ x̂ᵢ + β
large batch: y ~ N(β, γ² σ²/(σ² + ε)) ≈ N(β, γ²), whatever μ and σ² were    (ε = ${formatNumber(BN_EPS)})
batch of m:  SD(μ_B) = σ/√m    E[σ_B²] = (m − 1)/m · σ²    SD(σ_B²) = σ² √(2(m − 1)) / m`;

function bars(h: Histogram, x: (v: number) => number, y: (v: number) => number, color: string) {
  return h.density.map((d, i) =>
    d > 0 ? (
      <rect
        key={i}
        x={x(h.lo + i * h.width)}
        width={Math.max(0, x(h.lo + (i + 1) * h.width) - x(h.lo + i * h.width) - 0.5)}
        y={y(d)}
        height={y(0) - y(d)}
        fill={color}
        fillOpacity={0.3}
      />
    ) : null,
  );
}

/**
 * The N(mean, sd²) density as a path over the axis. Sampled densely within 6 SD of the mean
 * (a narrow peak must not fall between samples) and drawn straight to the axis ends beyond.
 */
function densityPath(
  domain: [number, number],
  mean: number,
  sd: number,
  x: (v: number) => number,
  y: (v: number) => number,
) {
  const lo = Math.max(domain[0], mean - 6 * sd);
  const hi = Math.min(domain[1], mean + 6 * sd);
  const steps = 240;
  const ts = [
    domain[0],
    ...Array.from({ length: steps + 1 }, (_, i) => lo + ((hi - lo) * i) / steps),
    domain[1],
  ];
  return ts
    .map((t, i) => `${i === 0 ? 'M' : 'L'}${x(t).toFixed(2)},${y(normalDensity(t, mean, sd)).toFixed(2)}`)
    .join('');
}

export function BatchNorm1d() {
  const [mu, setMu] = useState<number>(D.mu);
  const [sigma2, setSigma2] = useState<number>(D.sigma2);
  const [gamma, setGamma] = useState<number>(D.gamma);
  const [beta, setBeta] = useState<number>(D.beta);
  const [log2m, setLog2m] = useState<number>(D.log2m);
  const [seed, setSeed] = useState<number>(D.seed);
  const figure = useRef<SVGSVGElement>(null);
  const sigma = Math.sqrt(sigma2);
  const m = 2 ** log2m;

  // One draw of standard normals per seed; the sliders scale it (x = μ + σ z).
  const z = useMemo(() => standardNormals(SAMPLE_SIZE, seed), [seed]);
  const zBatches = useMemo(
    () => standardNormals(2 ** MAX_LOG2_BATCH * BATCHES, seed + D.batchSeedOffset),
    [seed],
  );
  const x = useMemo(() => Float32Array.from(z, (v) => mu + sigma * v), [z, mu, sigma]);
  const xBatches = useMemo(
    () => Float32Array.from(zBatches.subarray(0, m * BATCHES), (v) => mu + sigma * v),
    [zBatches, m, mu, sigma],
  );
  const main = useLabKernel(
    useMemo(() => batchNormTrainRequest(x, SAMPLE_SIZE, 1, gamma, beta), [x, gamma, beta]),
  );
  const batches = useLabKernel(
    useMemo(() => batchNormTrainRequest(xBatches, m, BATCHES, 1, 0), [xBatches, m]),
  );

  const before = useMemo(() => sampleMoments(x), [x]);
  const y = main.result?.y.data ?? null;
  const after = useMemo(() => (y ? sampleMoments(y) : null), [y]);
  const kernelBatchVar = main.result ? varianceFromInvstd(main.result.invstd.data[0]) : null;
  const batchMeans = batches.result?.mean.data ?? null;
  const batchVars = useMemo(
    () => (batches.result ? Array.from(batches.result.invstd.data, (s) => varianceFromInvstd(s)) : null),
    [batches.result],
  );
  const meanSpread = batchMeans ? sampleMoments(batchMeans) : null;
  const varSpread = batchVars ? sampleMoments(batchVars) : null;
  const closed = batchStatisticsClosedForm(sigma2, m);

  // One horizontal axis for both distributions, extended to round tick values.
  const span: [number, number] = [
    Math.min(mu - 4 * sigma, beta - 4 * gamma),
    Math.max(mu + 4 * sigma, beta + 4 * gamma),
  ];
  const step = niceStep(span[1] - span[0], 9);
  const domain: [number, number] = [Math.floor(span[0] / step) * step, Math.ceil(span[1] / step) * step];
  const xs = linearScale(domain, [LEFT, RIGHT]);
  // μ's and β's labels side by side, not on top of each other, when their lines are close.
  const marksClose = Math.abs(xs(mu) - xs(beta)) < 70;

  const hBefore = useMemo(() => histogram(x, mu - 4 * sigma, mu + 4 * sigma, BINS), [x, mu, sigma]);
  const hAfter = useMemo(
    () =>
      y && after
        ? histogram(
            y,
            after.mean - 4 * Math.sqrt(after.variance),
            after.mean + 4 * Math.sqrt(after.variance),
            BINS,
          )
        : null,
    [y, after],
  );
  const peak = Math.max(
    normalDensity(mu, mu, sigma),
    normalDensity(beta, beta, gamma),
    ...hBefore.density,
    ...(hAfter?.density ?? []),
  );
  const ys = linearScale([0, peak * 1.12], [TOP.bottom, TOP.top]);
  const afterVarianceClosed =
    before.variance === 0 ? 0 : (gamma * gamma * before.variance) / (before.variance + BN_EPS);

  const rows = SHOWN_BATCHES;
  const rowY = (i: number) => LOW.top + 8 + ((LOW.bottom - LOW.top - 16) * i) / (rows - 1);
  const bandLo = xs(Math.max(domain[0], mu - closed.meanSd));
  const bandHi = xs(Math.min(domain[1], mu + closed.meanSd));

  const controls = (
    <>
      <fieldset className="bn-controls-group">
        <legend>Input N(μ, σ²)</legend>
        <Slider label="μ" value={mu} min={-3} max={5} step={0.1} onValue={setMu} testId="bn1d-mu" />
        <Slider
          label="σ²"
          value={sigma2}
          min={0.01}
          max={2}
          step={0.01}
          onValue={setSigma2}
          testId="bn1d-sigma2"
        />
        <button type="button" data-testid="bn1d-resample" onClick={() => setSeed((s) => s + 1)}>
          New sample (seed {seed})
        </button>
      </fieldset>
      <fieldset className="bn-controls-group">
        <legend>Batch norm</legend>
        <Slider
          label="γ (scale)"
          value={gamma}
          min={0.1}
          max={3}
          step={0.1}
          onValue={setGamma}
          testId="bn1d-gamma"
        />
        <Slider
          label="β (shift)"
          value={beta}
          min={-3}
          max={6}
          step={0.1}
          onValue={setBeta}
          testId="bn1d-beta"
        />
      </fieldset>
      <fieldset className="bn-controls-group">
        <legend>Batch statistics</legend>
        <Slider
          label="batch size m"
          value={log2m}
          min={1}
          max={MAX_LOG2_BATCH}
          step={1}
          valueText={String(m)}
          onValue={setLog2m}
          testId="bn1d-batch"
        />
      </fieldset>
    </>
  );

  return (
    <InstrumentFrame
      meta={BN_1D_META}
      summary={
        <p>
          A sample of {SAMPLE_SIZE.toLocaleString('en')} values from N(μ, σ²), before (blue) and after
          (orange) batch norm in training mode, computed by the kernel library. With a large batch the output
          is N(β, γ²) whatever μ and σ² were: the batch&apos;s own mean and variance are taken out, then γ
          scales and β shifts. Below: batches of size m are small samples, so their statistics are noisy — the
          lower panel draws μ_B ± σ_B for a few of {BATCHES} batches, the table their spread against the
          closed form.
        </p>
      }
      formula={FORMULA}
      controls={controls}
      figure={figure}
    >
      <svg
        ref={figure}
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label="Histograms and densities before and after batch norm, and batch statistics"
        data-testid="bn1d-figure"
        fontFamily="sans-serif"
      >
        <rect width={W} height={H} fill="#ffffff" />
        <text x={LEFT} y={20} fontSize={13} fill={INK} fontWeight="bold">
          Before: N({formatNumber(mu)}, {formatNumber(sigma2)}), after batch norm: N({formatNumber(beta)},{' '}
          {formatNumber(gamma * gamma)})
        </text>
        {bars(hBefore, xs, ys, BEFORE_COLOR)}
        {hAfter && bars(hAfter, xs, ys, AFTER_COLOR)}
        <path d={densityPath(domain, mu, sigma, xs, ys)} fill="none" stroke={BEFORE_COLOR} strokeWidth={2} />
        <path d={densityPath(domain, beta, gamma, xs, ys)} fill="none" stroke={AFTER_COLOR} strokeWidth={2} />
        <g fontSize={12}>
          <line
            x1={xs(mu)}
            x2={xs(mu)}
            y1={TOP.top}
            y2={TOP.bottom}
            stroke={BEFORE_COLOR}
            strokeDasharray="4 3"
          />
          <text
            x={xs(mu) + (marksClose ? (mu <= beta ? -4 : 4) : 0)}
            y={TOP.top - 6}
            textAnchor={marksClose ? (mu <= beta ? 'end' : 'start') : 'middle'}
            fill={BEFORE_COLOR}
            data-testid="bn1d-mu-mark"
          >
            μ = {formatNumber(mu)}
          </text>
          <line
            x1={xs(beta)}
            x2={xs(beta)}
            y1={TOP.top}
            y2={TOP.bottom}
            stroke={AFTER_COLOR}
            strokeDasharray="4 3"
          />
          <text
            x={xs(beta) + (marksClose ? (mu <= beta ? 4 : -4) : 0)}
            y={TOP.top - 6}
            textAnchor={marksClose ? (mu <= beta ? 'start' : 'end') : 'middle'}
            fill={AFTER_COLOR}
            data-testid="bn1d-beta-mark"
          >
            β = {formatNumber(beta)}
          </text>
        </g>
        <g fontSize={12} fill={INK} transform={`translate(${LEFT},38)`}>
          <rect width={12} height={10} y={-9} fill={BEFORE_COLOR} fillOpacity={0.3} stroke={BEFORE_COLOR} />
          <text x={18}>before: sample, density N(μ, σ²)</text>
          <rect
            x={250}
            width={12}
            height={10}
            y={-9}
            fill={AFTER_COLOR}
            fillOpacity={0.3}
            stroke={AFTER_COLOR}
          />
          <text x={268}>after batch norm (kernel), density N(β, γ²)</text>
        </g>
        <Axes
          x={xs}
          y={ys}
          xTicks={xs.ticks(9)}
          yTicks={ys.ticks(4)}
          yLabel="density"
          format={formatNumber}
        />

        <text x={LEFT} y={LOW.top - 30} fontSize={12} fill={INK}>
          {SHOWN_BATCHES} of {BATCHES} batches of m = {m} (kernel): μ_B ± σ_B; shaded μ ± σ/√m; dotted μ ± σ
        </text>
        <text x={LEFT} y={LOW.top - 14} fontSize={12} fill={INK} data-testid="bn1d-noise-caption">
          SD of the {BATCHES} batch means {meanSpread ? formatNumber(Math.sqrt(meanSpread.variance), 3) : '…'}
          {'  '}(σ/√m = {formatNumber(closed.meanSd, 3)}); mean σ_B²{' '}
          {varSpread ? formatNumber(varSpread.mean, 3) : '…'}
          {'  '}((m − 1)/m · σ² = {formatNumber(closed.varianceMean, 3)})
        </text>
        <rect
          x={bandLo}
          width={Math.max(0, bandHi - bandLo)}
          y={LOW.top}
          height={LOW.bottom - LOW.top}
          fill={BEFORE_COLOR}
          fillOpacity={0.12}
        />
        <line
          x1={xs(mu)}
          x2={xs(mu)}
          y1={LOW.top}
          y2={LOW.bottom}
          stroke={BEFORE_COLOR}
          strokeDasharray="4 3"
        />
        {[mu - sigma, mu + sigma].map((v, i) =>
          v > domain[0] && v < domain[1] ? (
            <line
              key={i}
              x1={xs(v)}
              x2={xs(v)}
              y1={LOW.top}
              y2={LOW.bottom}
              stroke={BEFORE_COLOR}
              strokeWidth={1.5}
              strokeDasharray="2 3"
            />
          ) : null,
        )}
        {batchMeans &&
          batchVars &&
          Array.from({ length: rows }, (_, i) => {
            const c = batchMeans[i];
            const s = Math.sqrt(Math.max(0, batchVars[i]));
            const lo = Math.max(domain[0], c - s);
            const hi = Math.min(domain[1], c + s);
            return (
              <g key={i}>
                <line x1={xs(lo)} x2={xs(hi)} y1={rowY(i)} y2={rowY(i)} stroke={FAINT} strokeWidth={2} />
                <circle cx={xs(c)} cy={rowY(i)} r={3} fill={INK} />
              </g>
            );
          })}
        <Axes
          x={xs}
          y={linearScale([0, 1], [LOW.bottom, LOW.top])}
          xTicks={xs.ticks(9)}
          yTicks={[]}
          xLabel="x (input) and y (output), same scale"
          format={formatNumber}
        />
      </svg>
      <p className="bn-status muted" aria-live="polite" data-testid="bn1d-status">
        {main.error ?? batches.error ?? (main.busy || batches.busy ? 'Computing…' : '')}
      </p>
      <table className="bn-readout" data-testid="bn1d-readout">
        <caption>Closed form beside what was measured on the kernel&apos;s numbers</caption>
        <thead>
          <tr>
            <th scope="col">quantity</th>
            <th scope="col">closed form</th>
            <th scope="col">measured</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>input mean (μ)</td>
            <td>{formatNumber(mu)}</td>
            <td data-testid="bn1d-before-mean">{formatNumber(before.mean)}</td>
          </tr>
          <tr>
            <td>input variance (σ²)</td>
            <td>{formatNumber(sigma2)}</td>
            <td data-testid="bn1d-before-var">{formatNumber(before.variance)}</td>
          </tr>
          <tr>
            <td>output mean: β</td>
            <td data-testid="bn1d-after-mean-closed">{formatNumber(beta)}</td>
            <td data-testid="bn1d-after-mean">{after ? formatNumber(after.mean, 6) : '…'}</td>
          </tr>
          <tr>
            <td>output variance: γ² σ_B²/(σ_B² + ε), σ_B² = {formatNumber(before.variance)}</td>
            <td data-testid="bn1d-after-var-closed">{formatNumber(afterVarianceClosed, 6)}</td>
            <td data-testid="bn1d-after-var">{after ? formatNumber(after.variance, 6) : '…'}</td>
          </tr>
          <tr>
            <td>kernel&apos;s batch variance (from 1/√(σ_B² + ε))</td>
            <td>{formatNumber(before.variance, 6)}</td>
            <td>{kernelBatchVar === null ? '…' : formatNumber(kernelBatchVar, 6)}</td>
          </tr>
          <tr>
            <td>SD of batch means, m = {m}: σ/√m</td>
            <td data-testid="bn1d-meansd-closed">{formatNumber(closed.meanSd)}</td>
            <td data-testid="bn1d-meansd">
              {meanSpread ? formatNumber(Math.sqrt(meanSpread.variance)) : '…'}
            </td>
          </tr>
          <tr>
            <td>mean of batch variances: (m − 1)/m · σ²</td>
            <td data-testid="bn1d-varmean-closed">{formatNumber(closed.varianceMean)}</td>
            <td data-testid="bn1d-varmean">{varSpread ? formatNumber(varSpread.mean) : '…'}</td>
          </tr>
          <tr>
            <td>SD of batch variances: σ² √(2(m − 1))/m</td>
            <td>{formatNumber(closed.varianceSd)}</td>
            <td>{varSpread ? formatNumber(Math.sqrt(varSpread.variance)) : '…'}</td>
          </tr>
        </tbody>
      </table>
    </InstrumentFrame>
  );
}
