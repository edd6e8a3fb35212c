/**
 * The dropout figure: input x, this pass's mask, the training output and the evaluation output as
 * 8×8 grids; the mean over passes 1..k against the input's mean with its expected ±2σ/√k band;
 * and the measured scaling, kept counts, evaluation identity and backward pass beside it.
 */
import type { RefObject } from 'react';

import { divergingColor } from '../../studio/analysis/divergingColormap.js';
import { Axes } from '../charts/Axes.js';
import { linearScale } from '../charts/linearScale.js';
import { CategoryLabels } from './CategoryLabels.js';
import { CellGrid } from './CellGrid.js';
import { DROPOUT_COLS, DROPOUT_ROWS } from './dropoutInput.js';
import type { DropoutStats } from './dropoutStats.js';
import { formatNumber } from './formatNumber.js';

export interface DropoutRun {
  p: number;
  seed: number;
  passes: number;
  x: number[];
  /** K passes of y and mask, pass after pass. */
  y: Float32Array;
  mask: Float32Array;
  evalY: Float32Array;
  dy: number[];
  dx: Float32Array;
  backwardMask: Float32Array;
}

export interface DropoutFigureProps {
  svg: RefObject<SVGSVGElement | null>;
  run: DropoutRun | null;
  stats: DropoutStats | null;
  busy: boolean;
}

const WIDTH = 680;
const CELL = 26;
const GRID_TOP = 48;
/** Second row (evaluation grid and readings) and the chart below. */
const ROW2_TOP = GRID_TOP + DROPOUT_ROWS * CELL + 40;
const CHART_TOP = ROW2_TOP + DROPOUT_ROWS * CELL + 60;
const HEIGHT = CHART_TOP + 190;

const rgb = (c: readonly number[]) => `rgb(${c[0]},${c[1]},${c[2]})`;

export function DropoutFigure({ svg, run, stats, busy }: DropoutFigureProps) {
  const n = DROPOUT_ROWS * DROPOUT_COLS;
  const gridWidth = DROPOUT_COLS * CELL;
  const slot = gridWidth + 18;
  return (
    <svg
      ref={svg}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label="Dropout mask, training and evaluation outputs, and the mean over passes"
      data-testid="dropout-figure"
      data-state={busy ? 'busy' : 'idle'}
      fontFamily="sans-serif"
    >
      <rect width={WIDTH} height={HEIGHT} fill="#ffffff" />
      {run && stats && (
        <>
          <Grids run={run} n={n} slot={slot} />
          <MeanChart run={run} stats={stats} />
          <Readings run={run} stats={stats} n={n} />
        </>
      )}
    </svg>
  );
}

function Grids({ run, n, slot }: { run: DropoutRun; n: number; slot: number }) {
  const pass = run.y.subarray(0, n);
  const mask = run.mask.subarray(0, n);
  const maxAbs = Math.max(...run.x.map(Math.abs), ...Array.from(pass, Math.abs));
  const fill = (v: number) => rgb(divergingColor(v, maxAbs));
  // White on the darker half of the colormap, black on the lighter.
  const textFill = (v: number) => (maxAbs > 0 && Math.abs(v) / maxAbs > 0.6 ? '#ffffff' : '#111111');
  const common = {
    y: GRID_TOP,
    rows: DROPOUT_ROWS,
    cols: DROPOUT_COLS,
    cell: CELL,
    fill,
    textFill,
    digits: 3,
  };
  return (
    <g>
      <text x={10} y={18} fontSize={13} fontWeight="bold" fill="#222222">
        One pass (seed {run.seed}, p = {run.p}): y = x ⊙ m / (1 − p)
      </text>
      <CellGrid {...common} x={10} values={run.x} label="input x" testId="dropout-x" />
      <CellGrid
        {...common}
        x={10 + slot}
        values={mask}
        fill={(v) => (v === 0 ? '#555555' : '#e8f3ea')}
        textFill={(v) => (v === 0 ? '#ffffff' : '#1a7f37')}
        digits={1}
        label="mask m (0 dropped, 1 kept)"
        testId="dropout-mask"
      />
      <CellGrid {...common} x={10 + 2 * slot} values={pass} label="training: y" testId="dropout-train" />
      <CellGrid
        {...common}
        x={10}
        y={ROW2_TOP}
        values={run.evalY}
        label="evaluation: y (no mask, no scale)"
        testId="dropout-eval"
      />
    </g>
  );
}

function MeanChart({ run, stats }: { run: DropoutRun; stats: DropoutStats }) {
  const top = CHART_TOP;
  const bottom = HEIGHT - 40;
  const K = run.passes;
  // k on a log axis: the spread shrinks like 1/√k, so the early passes are where it shows.
  const lx = linearScale(K > 1 ? [0, Math.log10(K)] : [-0.5, 0.5], [70, WIDTH - 20]);
  const x = (k: number) => lx(Math.log10(k));
  const mu = stats.inputMean;
  const s1 = stats.passSpread;
  const r = stats.runningMeans;
  let lo = mu - 2.2 * s1;
  let hi = mu + 2.2 * s1;
  for (const v of r) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!(hi > lo)) [lo, hi] = [mu - 1, mu + 1];
  const y = linearScale([lo, hi], [bottom, top]);
  // At most ~400 passes drawn, evenly spaced on the log axis (and the last).
  const ks: number[] = [];
  for (let i = 0; i <= 400; i++) {
    const k = Math.round(K ** (i / 400));
    if (k !== ks[ks.length - 1]) ks.push(k);
  }
  const band = [
    ...ks.map((k) => `${x(k)},${y(mu + (2 * s1) / Math.sqrt(k))}`),
    ...[...ks].reverse().map((k) => `${x(k)},${y(mu - (2 * s1) / Math.sqrt(k))}`),
  ].join(' ');
  return (
    <g data-testid="dropout-mean-chart">
      <text x={10} y={top - 28} fontSize={13} fontWeight="bold" fill="#222222">
        Mean of y over passes 1..k (each pass its own mask) against the input&apos;s mean
      </text>
      <polygon points={band} fill="#1f77b4" fillOpacity={0.3} stroke="none" />
      <line x1={lx.range[0]} x2={lx.range[1]} y1={y(mu)} y2={y(mu)} stroke="#333333" strokeDasharray="4 3" />
      <polyline
        points={ks.map((k) => `${x(k)},${y(r[k - 1])}`).join(' ')}
        fill="none"
        stroke="#1f77b4"
        strokeWidth={1.5}
      />
      <circle cx={x(K)} cy={y(r[K - 1])} r={3} fill="#1f77b4" />
      <Axes x={lx} y={y} xLabel="passes k (log scale)" yLabel="mean of y" yTicks={y.ticks(4)} xTicks={[]} />
      {/* Powers of ten on the log axis (Axes formats both axes alike, so these are drawn here). */}
      <CategoryLabels
        x={lx}
        y={bottom}
        angle={0}
        names={Array.from({ length: Math.floor(Math.log10(K) + 1e-9) + 1 }, (_, i) => String(10 ** i))}
      />
      <g fontSize={11}>
        <rect x={10} y={top - 14} width={12} height={8} fill="#1f77b4" fillOpacity={0.3} />
        <text x={26} y={top - 7} fill="#333333">
          input mean ± 2σ/√k (expected spread)
        </text>
        <line x1={250} x2={268} y1={top - 10} y2={top - 10} stroke="#333333" strokeDasharray="4 3" />
        <text x={272} y={top - 7} fill="#333333">
          input mean
        </text>
        <line x1={350} x2={368} y1={top - 10} y2={top - 10} stroke="#1f77b4" strokeWidth={1.5} />
        <text x={372} y={top - 7} fill="#333333">
          mean of passes 1..k
        </text>
      </g>
    </g>
  );
}

function Readings({ run, stats, n }: { run: DropoutRun; stats: DropoutStats; n: number }) {
  const top = ROW2_TOP - 4;
  const pf = Math.fround(run.p);
  const evalDiff = run.x.reduce((m, v, i) => Math.max(m, Math.abs(run.evalY[i] - v)), 0);
  let sameMask = 0;
  let backwardError = 0;
  for (let i = 0; i < n; i++) {
    if (run.backwardMask[i] === run.mask[i]) sameMask++;
    backwardError = Math.max(
      backwardError,
      Math.abs(run.dx[i] - Math.fround(run.dy[i] * run.mask[i] * stats.scale)),
    );
  }
  const pct = (v: number) => `${formatNumber(100 * v, 4)}%`;
  const passes = run.passes === 1 ? '1 pass' : `${run.passes} passes`;
  const lines: [string, string][] = [
    [
      'scale',
      `s = 1/(1 − p) = 1/(1 − ${run.p}) = ${formatNumber(stats.scale, 8)}${pf !== run.p ? ' (p as float32)' : ''}`,
    ],
    [
      'measured',
      stats.measuredScale
        ? `y/x on kept cells: ${formatNumber(stats.measuredScale.min, 8)} … ${formatNumber(stats.measuredScale.max, 8)}`
        : 'no kept cell with x ≠ 0',
    ],
    [
      'kept',
      `this pass: ${stats.kept} of ${n}; expected ${formatNumber(stats.keptExpected, 4)} ± ${formatNumber(stats.keptSpread, 3)}`,
    ],
    [
      'dropped',
      `over ${passes}: ${pct(stats.droppedFraction)}; expected ${pct(run.p)} ± ${pct(stats.droppedSpread)}`,
    ],
    [
      'mean',
      `over ${passes}: ${formatNumber(stats.overallMean, 6)} vs input ${formatNumber(stats.inputMean, 6)}`,
    ],
    [
      'spread',
      `σ/√K = ${formatNumber(stats.passSpread / Math.sqrt(run.passes), 3)}; off by ${formatNumber(stats.deviationInSpreads, 3)} σ/√K`,
    ],
    ['evaluation', `dropout is the identity: kernel with p = 0, max|y − x| = ${formatNumber(evalDiff, 3)}`],
    [
      'backward',
      `dx = dy ⊙ m/(1 − p): same mask in ${sameMask}/${n} cells, max|dx − dy·m·s| = ${formatNumber(backwardError, 3)}`,
    ],
  ];
  return (
    <g fontSize={11} data-testid="dropout-readings">
      {lines.map(([k, v], i) => (
        <g key={k} transform={`translate(236,${top + 8 + i * 26})`}>
          <text fill="#555555" fontSize={10}>
            {k}
          </text>
          <text y={13} fill="#222222" fontSize={12} data-testid={`dropout-${k}`}>
            {v}
          </text>
        </g>
      ))}
    </g>
  );
}
