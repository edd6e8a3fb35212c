/**
 * The FIR instrument's figure, one <svg> in three views of three stem panels each:
 * - convolution: x(n), h(n), and y(n) from the kernel (dots) with the closed form (rings);
 * - flip and drag at n: x(k) with h(n − k) under it, their products, and y with y(n) emphasised;
 * - shift by N: x and x2 = x(n − N), y and y2 from the kernel, and y2(n) − y(n − N).
 */
import type { Ref } from 'react';

import type { Stem } from '../charts/StemPlot.js';
import { FIR_COLORS as C } from './firColors.js';
import type { FirFigureData } from './firFigureData.js';
import type { FlipAndDrag } from './flipAndDrag.js';
import { formatValue } from './formatValue.js';
import { PANEL_HEIGHT, StemPanel, type StemPanelEdit } from './StemPanel.js';

export type FirView = 'convolution' | 'flip' | 'shift';

export interface FirFigureProps {
  ref?: Ref<SVGSVGElement>;
  view: FirView;
  data: FirFigureData;
  window: readonly [number, number];
  xLabel: string;
  hLabel: string;
  shift: number;
  flip: FlipAndDrag;
  /** h(n − k) at every shown k, for the flip-and-drag n. */
  flippedH: readonly Stem[];
  /** y(n) of the flip-and-drag n, from the kernel. */
  flipKernel: number;
  editX?: StemPanelEdit;
  editH?: StemPanelEdit;
  onPickN: (n: number) => void;
}

export const FIR_WIDTH = 720;

/** The sum written out, shortened in the middle when it is long. */
function sumText(flip: FlipAndDrag): string {
  const t = flip.terms.map((term) => `${formatValue(term.x, 4)}·${formatValue(term.h, 4)}`);
  const shown = t.length > 6 ? [...t.slice(0, 3), '…', ...t.slice(-2)] : t;
  return shown.length ? shown.join(' + ') : '(no overlapping samples)';
}

export function FirFigure({
  ref,
  view,
  data,
  window,
  xLabel,
  hLabel,
  shift,
  flip,
  flippedH,
  flipKernel,
  editX,
  editH,
  onPickN,
}: FirFigureProps) {
  const n = flip.n;
  const extra = view === 'flip' ? 44 : 0;
  const height = 3 * PANEL_HEIGHT + extra + 6;
  const N = formatValue(shift);
  const products = data.ns.map((k) => ({ n: k, v: flip.terms.find((t) => t.k === k)?.product ?? 0 }));
  return (
    <svg
      ref={ref}
      data-testid="fir-figure"
      width={FIR_WIDTH}
      height={height}
      viewBox={`0 0 ${FIR_WIDTH} ${height}`}
      fontFamily="sans-serif"
      role="img"
      aria-label={`Convolution as an FIR filter: ${view} view`}
    >
      <rect width={FIR_WIDTH} height={height} fill="#ffffff" />
      {view === 'convolution' && (
        <>
          <StemPanel
            top={4}
            width={FIR_WIDTH}
            window={window}
            title={<tspan fill={C.x}>x(n): {xLabel}</tspan>}
            series={[{ name: 'x', stems: data.x, color: C.x }]}
            edit={editX}
            testId="fir-panel-x"
          />
          <StemPanel
            top={4 + PANEL_HEIGHT}
            width={FIR_WIDTH}
            window={window}
            title={<tspan fill={C.h}>h(n): {hLabel}</tspan>}
            series={[{ name: 'h', stems: data.h, color: C.h }]}
            edit={editH}
            testId="fir-panel-h"
          />
          <StemPanel
            top={4 + 2 * PANEL_HEIGHT}
            width={FIR_WIDTH}
            window={window}
            title={
              <>
                <tspan fill={C.y}>y(n) = (x * h)(n) from the kernel ●</tspan>
                {data.closed && <tspan fill={C.closed}> · closed form ○</tspan>}
              </>
            }
            series={[
              { name: 'y', stems: data.y, color: C.y },
              ...(data.closed
                ? [
                    // Rings without stems around the kernel's dots: agreement reads as a dot in a ring.
                    {
                      name: 'closed form',
                      stems: data.closed,
                      color: C.closed,
                      marker: 'ring' as const,
                      radius: 6.5,
                      stem: false,
                    },
                  ]
                : []),
            ]}
            testId="fir-panel-y"
          />
        </>
      )}
      {view === 'flip' && (
        <>
          <StemPanel
            top={4}
            width={FIR_WIDTH}
            window={window}
            title={
              <>
                <tspan fill={C.x}>x(k) ●</tspan>
                <tspan fill={C.h}>
                  {' '}
                  and h({n} − k) ○: h flipped, its n = 0 sample moved to k = {n}
                </tspan>
              </>
            }
            series={[
              { name: 'x(k)', stems: data.x, color: C.x, dx: -3 },
              { name: `h(${n} − k)`, stems: flippedH, color: C.h, marker: 'ring', dx: 3 },
            ]}
            marker={n}
            testId="fir-panel-flip"
          />
          <StemPanel
            top={4 + PANEL_HEIGHT}
            width={FIR_WIDTH}
            window={window}
            title={
              <tspan fill={C.product}>
                products x(k)·h({n} − k), summed: y({n}) = {formatValue(flip.sum)}
              </tspan>
            }
            series={[{ name: 'products', stems: products, color: C.product }]}
            marker={n}
            testId="fir-panel-products"
          />
          <StemPanel
            top={4 + 2 * PANEL_HEIGHT}
            width={FIR_WIDTH}
            window={window}
            title={<tspan fill={C.y}>y(n) from the kernel; y({n}) thick (click a stem to pick n)</tspan>}
            series={[{ name: 'y', stems: data.y, color: C.y }]}
            emphasis={new Set([n])}
            onPick={onPickN}
            testId="fir-panel-y"
          />
          <text x={56} y={3 * PANEL_HEIGHT + 20} fontSize={12} fill={C.text} data-testid="fir-flip-equation">
            y({n}) = Σ x(k)·h({n}−k) = {sumText(flip)} = {formatValue(flip.sum)}
          </text>
          <text x={56} y={3 * PANEL_HEIGHT + 40} fontSize={12} fill={C.text}>
            the kernel's y({n}) = {formatValue(flipKernel)}
          </text>
        </>
      )}
      {view === 'shift' && (
        <>
          <StemPanel
            top={4}
            width={FIR_WIDTH}
            window={window}
            title={
              <>
                <tspan fill={C.before}>x(n) ●</tspan>
                <tspan fill={C.x}> and x₂(n) = x(n − {N}) ○</tspan>
              </>
            }
            series={[
              { name: 'x', stems: data.x, color: C.before, dx: -3 },
              { name: 'x2', stems: data.x2, color: C.x, marker: 'ring', dx: 3 },
            ]}
            testId="fir-panel-x2"
          />
          <StemPanel
            top={4 + PANEL_HEIGHT}
            width={FIR_WIDTH}
            window={window}
            title={
              <>
                <tspan fill={C.before}>y(n) ●</tspan>
                <tspan fill={C.y}> and y₂(n) = (x₂ * h)(n) ○, both from the kernel</tspan>
              </>
            }
            series={[
              { name: 'y', stems: data.y, color: C.before, dx: -3 },
              { name: 'y2', stems: data.y2, color: C.y, marker: 'ring', dx: 3 },
            ]}
            testId="fir-panel-y2"
          />
          <StemPanel
            top={4 + 2 * PANEL_HEIGHT}
            width={FIR_WIDTH}
            window={window}
            title={
              <tspan fill={C.diff}>
                y₂(n) − y(n − {N}): largest |difference| {formatValue(data.maxShiftDiff)}
              </tspan>
            }
            series={[{ name: 'difference', stems: data.diff, color: C.diff }]}
            testId="fir-panel-diff"
          />
        </>
      )}
    </svg>
  );
}
