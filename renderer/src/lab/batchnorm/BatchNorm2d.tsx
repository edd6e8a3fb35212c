/**
 * Homework 1(b): batch norm of a correlated 2-D Gaussian with β = 0 and γ = 1. The sample goes
 * through the kernel library as a [N, 2] tensor (statistics per feature); the 1- and 2-SD
 * contours before and after are the closed-form ellipses of the covariance Σ and of the
 * correlation matrix [[1, ρ], [ρ, 1]]. Per-feature normalisation recentres and rescales each axis
 * but cannot remove the correlation; the principal axes turn to ±45° because both variances are
 * now 1 (the angle is printed, computed from the eigenvectors).
 */
import { useMemo, useRef, useState } from 'react';

import { Axes } from '../charts/Axes.js';
import { linearScale, niceStep } from '../charts/linearScale.js';
import type { InstrumentMeta } from '../instrument.js';
import { InstrumentFrame } from '../InstrumentFrame.js';
import { useLabKernel } from '../useLabKernel.js';
import { BN_2D_DEFAULTS } from './batchNormDefaults.js';
import { batchNormTrainRequest } from './batchNormRequest.js';
import { AFTER_COLOR, BEFORE_COLOR, INK } from './colors.js';
import { covarianceEllipse, ellipsePoints } from './covarianceEllipse.js';
import { formatNumber } from './formatNumber.js';
import { gaussian2dCovariance, type Covariance } from './gaussian2dCovariance.js';
import { gaussian2dSample, type Gaussian2d } from './gaussian2dSample.js';
import { sampleCovariance2d } from './sampleCovariance2d.js';
import { Slider } from './Slider.js';
import { standardNormals } from './standardNormals.js';
import './batchnorm.css';

export const BN_2D_META: InstrumentMeta = {
  id: 'bn-2d',
  title: 'Batch norm in two dimensions',
  question: '1(b)',
};

const POINTS = BN_2D_DEFAULTS.points;
const W = 640;
const H = 560;
const PLOT = { left: 56, right: W - 16, top: 40, bottom: H - 56 };

const FORMULA = `per feature j:  x̂ⱼ = (xⱼ − μⱼ) / √(σⱼ² + ε),  yⱼ = γ x̂ⱼ + β,  here γ = 1, β = 0
before: mean (μ₁, μ₂), Σ = [[σ₁², ρσ₁σ₂], [ρσ₁σ₂, σ₂²]]
after:  mean (0, 0),  Σ' = [[1, ρ], [ρ, 1]]   (corr(x̂₁, x̂₂) = ρ: the correlation stays)
k-SD contour: (x − μ)ᵀ Σ⁻¹ (x − μ) = k², an ellipse along Σ's eigenvectors, half-axes k√λ
λ = (σ₁² + σ₂²)/2 ± √(((σ₁² − σ₂²)/2)² + (ρσ₁σ₂)²)    major axis at θ = ½ atan2(2ρσ₁σ₂, σ₁² − σ₂²)`;

const degrees = (radians: number) => (radians * 180) / Math.PI;

function path(points: [number, number][], x: (v: number) => number, y: (v: number) => number) {
  return `${points.map(([a, b], i) => `${i === 0 ? 'M' : 'L'}${x(a).toFixed(2)},${y(b).toFixed(2)}`).join('')}Z`;
}

function matrix(c: Covariance) {
  return `[[${formatNumber(c.xx)}, ${formatNumber(c.xy)}], [${formatNumber(c.xy)}, ${formatNumber(c.yy)}]]`;
}

export function BatchNorm2d() {
  const [g, setG] = useState<Gaussian2d>(BN_2D_DEFAULTS.gaussian);
  const [seed, setSeed] = useState<number>(BN_2D_DEFAULTS.seed);
  const figure = useRef<SVGSVGElement>(null);
  const set = (key: keyof Gaussian2d) => (v: number) => setG((old) => ({ ...old, [key]: v }));

  const z = useMemo(() => standardNormals(2 * POINTS, seed), [seed]);
  const x = useMemo(() => gaussian2dSample(g, z), [g, z]);
  const { result, busy, error } = useLabKernel(useMemo(() => batchNormTrainRequest(x, POINTS, 2, 1, 0), [x]));
  const y = result?.y.data ?? null;

  const cov = gaussian2dCovariance(g);
  const corr: Covariance = { xx: 1, xy: g.rho, yy: 1 };
  const measuredBefore = useMemo(() => sampleCovariance2d(x), [x]);
  const measuredAfter = useMemo(() => (y ? sampleCovariance2d(y) : null), [y]);
  const ellipses = [1, 2].map((k) => ({
    k,
    before: covarianceEllipse(cov, k),
    after: covarianceEllipse(corr, k),
  }));

  // Both clouds and all four contours on one pair of axes with equal units (an ellipse must not be
  // stretched by the screen): the data box covers 3 SD around each mean.
  const box = {
    x0: Math.min(g.mu1 - 3 * g.sigma1, -3),
    x1: Math.max(g.mu1 + 3 * g.sigma1, 3),
    y0: Math.min(g.mu2 - 3 * g.sigma2, -3),
    y1: Math.max(g.mu2 + 3 * g.sigma2, 3),
  };
  const unit = Math.min(
    (PLOT.right - PLOT.left) / (box.x1 - box.x0),
    (PLOT.bottom - PLOT.top) / (box.y1 - box.y0),
  );
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  const halfW = (PLOT.right - PLOT.left) / unit / 2;
  const halfH = (PLOT.bottom - PLOT.top) / unit / 2;
  const xs = linearScale([cx - halfW, cx + halfW], [PLOT.left, PLOT.right]);
  const ys = linearScale([cy - halfH, cy + halfH], [PLOT.bottom, PLOT.top]);
  const step = niceStep(2 * Math.max(halfW, halfH), 10);
  const ticks = (lo: number, hi: number) => {
    const out: number[] = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(Number(t.toFixed(6)));
    return out;
  };
  const inside = (a: number, b: number) =>
    a >= cx - halfW && a <= cx + halfW && b >= cy - halfH && b <= cy + halfH;

  const dots = (data: Float32Array, color: string) => {
    const out = [];
    for (let i = 0; i + 1 < data.length; i += 2)
      if (inside(data[i], data[i + 1]))
        out.push(
          <circle
            key={i}
            cx={xs(data[i]).toFixed(1)}
            cy={ys(data[i + 1]).toFixed(1)}
            r={1.6}
            fill={color}
            fillOpacity={0.35}
          />,
        );
    return out;
  };
  const cross = (a: number, b: number, color: string, testId: string) => (
    <g stroke={color} strokeWidth={2.5} data-testid={testId}>
      <line x1={xs(a) - 7} x2={xs(a) + 7} y1={ys(b)} y2={ys(b)} />
      <line x1={xs(a)} x2={xs(a)} y1={ys(b) - 7} y2={ys(b) + 7} />
    </g>
  );

  const controls = (
    <>
      <fieldset className="bn-controls-group">
        <legend>Mean</legend>
        <Slider label="μ₁" value={g.mu1} min={-4} max={6} step={0.1} onValue={set('mu1')} testId="bn2d-mu1" />
        <Slider label="μ₂" value={g.mu2} min={-4} max={6} step={0.1} onValue={set('mu2')} testId="bn2d-mu2" />
      </fieldset>
      <fieldset className="bn-controls-group">
        <legend>Covariance</legend>
        <Slider
          label="σ₁"
          value={g.sigma1}
          min={0.2}
          max={3}
          step={0.05}
          onValue={set('sigma1')}
          testId="bn2d-sigma1"
        />
        <Slider
          label="σ₂"
          value={g.sigma2}
          min={0.2}
          max={3}
          step={0.05}
          onValue={set('sigma2')}
          testId="bn2d-sigma2"
        />
        <Slider
          label="ρ (correlation)"
          value={g.rho}
          min={-0.95}
          max={0.95}
          step={0.05}
          onValue={set('rho')}
          testId="bn2d-rho"
        />
      </fieldset>
      <button type="button" data-testid="bn2d-resample" onClick={() => setSeed((s) => s + 1)}>
        New sample (seed {seed})
      </button>
    </>
  );

  const b1 = ellipses[0].before;
  const a1 = ellipses[0].after;
  return (
    <InstrumentFrame
      meta={BN_2D_META}
      summary={
        <p>
          {POINTS.toLocaleString('en')} points from a correlated 2-D Gaussian (blue) and the same points after
          batch norm with β = 0, γ = 1 (orange, computed by the kernel library per feature), with each
          distribution&apos;s mean (+) and 1- and 2-SD contours on the same axes. Each axis is recentred and
          rescaled on its own, so the correlation ρ stays: the ellipse keeps the direction of its tilt, and
          its axes turn to ±45° because both variances are now 1.
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
        aria-label="A 2-D Gaussian sample and its 1- and 2-SD contours before and after batch norm"
        data-testid="bn2d-figure"
        fontFamily="sans-serif"
      >
        <rect width={W} height={H} fill="#ffffff" />
        <text x={PLOT.left} y={18} fontSize={13} fill={INK} fontWeight="bold">
          Before: mean ({formatNumber(g.mu1)}, {formatNumber(g.mu2)}), Σ = {matrix(cov)}
        </text>
        <text x={PLOT.left} y={34} fontSize={13} fill={INK} fontWeight="bold" data-testid="bn2d-after-title">
          After: mean (0, 0), Σ&apos; = {matrix(corr)}; measured ρ ={' '}
          {measuredAfter ? formatNumber(measuredAfter.rho) : '…'}
        </text>
        {/* x2 = 0 and x1 = 0: where the normalised cloud is centred. */}
        <line x1={PLOT.left} x2={PLOT.right} y1={ys(0)} y2={ys(0)} stroke="#dddddd" />
        <line x1={xs(0)} x2={xs(0)} y1={PLOT.top} y2={PLOT.bottom} stroke="#dddddd" />
        {dots(x, BEFORE_COLOR)}
        {y && dots(y, AFTER_COLOR)}
        {ellipses.map(({ k, before, after }) => (
          <g key={k} fill="none" strokeWidth={2} strokeDasharray={k === 2 ? '7 4' : undefined}>
            <path d={path(ellipsePoints([g.mu1, g.mu2], before), xs, ys)} stroke={BEFORE_COLOR} />
            <path d={path(ellipsePoints([0, 0], after), xs, ys)} stroke={AFTER_COLOR} />
          </g>
        ))}
        {cross(g.mu1, g.mu2, BEFORE_COLOR, 'bn2d-mean-before')}
        {cross(0, 0, AFTER_COLOR, 'bn2d-mean-after')}
        <Axes
          x={xs}
          y={ys}
          xTicks={ticks(cx - halfW, cx + halfW)}
          yTicks={ticks(cy - halfH, cy + halfH)}
          xLabel="x₁"
          yLabel="x₂"
          format={formatNumber}
        />
        <g fontSize={12} fill={INK} transform={`translate(${PLOT.right - 250},${PLOT.bottom - 40})`}>
          <rect x={-8} y={-16} width={256} height={50} fill="#ffffff" fillOpacity={0.85} />
          <line x2={22} y1={-4} y2={-4} stroke={INK} strokeWidth={2} />
          <text x={28}>1 SD</text>
          <line x1={70} x2={92} y1={-4} y2={-4} stroke={INK} strokeWidth={2} strokeDasharray="7 4" />
          <text x={98}>2 SD</text>
          <circle cx={150} cy={-4} r={4} fill={BEFORE_COLOR} />
          <text x={158}>before</text>
          <circle cx={205} cy={-4} r={4} fill={AFTER_COLOR} />
          <text x={213}>after</text>
          <text y={20}>
            major axis: {formatNumber(degrees(b1.angle), 3)}° → {formatNumber(degrees(a1.angle), 3)}°
          </text>
        </g>
      </svg>
      <p className="bn-status muted" aria-live="polite" data-testid="bn2d-status">
        {error ?? (busy ? 'Computing…' : '')}
      </p>
      <table className="bn-readout" data-testid="bn2d-readout">
        <caption>
          Closed form beside what was measured on the sample (before) and the kernel&apos;s output (after)
        </caption>
        <thead>
          <tr>
            <th scope="col">quantity</th>
            <th scope="col">before: closed form</th>
            <th scope="col">before: measured</th>
            <th scope="col">after: closed form</th>
            <th scope="col">after: measured</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>mean</td>
            <td>
              ({formatNumber(g.mu1)}, {formatNumber(g.mu2)})
            </td>
            <td>
              ({formatNumber(measuredBefore.mean[0])}, {formatNumber(measuredBefore.mean[1])})
            </td>
            <td>(0, 0)</td>
            <td data-testid="bn2d-after-mean">
              {measuredAfter
                ? `(${formatNumber(measuredAfter.mean[0], 2)}, ${formatNumber(measuredAfter.mean[1], 2)})`
                : '…'}
            </td>
          </tr>
          <tr>
            <td>variances</td>
            <td>
              {formatNumber(cov.xx)}, {formatNumber(cov.yy)}
            </td>
            <td>
              {formatNumber(measuredBefore.xx)}, {formatNumber(measuredBefore.yy)}
            </td>
            <td>1, 1</td>
            <td data-testid="bn2d-after-var">
              {measuredAfter
                ? `${formatNumber(measuredAfter.xx, 5)}, ${formatNumber(measuredAfter.yy, 5)}`
                : '…'}
            </td>
          </tr>
          <tr>
            <td>correlation ρ</td>
            <td>{formatNumber(g.rho)}</td>
            <td data-testid="bn2d-before-rho">{formatNumber(measuredBefore.rho, 6)}</td>
            <td>{formatNumber(g.rho)}</td>
            <td data-testid="bn2d-after-rho">{measuredAfter ? formatNumber(measuredAfter.rho, 6) : '…'}</td>
          </tr>
          <tr>
            <td>eigenvalues λ₁, λ₂</td>
            <td colSpan={2}>
              {formatNumber(b1.lambda1)}, {formatNumber(b1.lambda2)}
            </td>
            <td colSpan={2}>
              {formatNumber(a1.lambda1)}, {formatNumber(a1.lambda2)} (= 1 + |ρ|, 1 − |ρ|)
            </td>
          </tr>
          <tr>
            <td>major-axis angle</td>
            <td colSpan={2} data-testid="bn2d-angle-before">
              {formatNumber(degrees(b1.angle), 4)}°
            </td>
            <td colSpan={2} data-testid="bn2d-angle-after">
              {formatNumber(degrees(a1.angle), 4)}°
            </td>
          </tr>
        </tbody>
      </table>
    </InstrumentFrame>
  );
}
