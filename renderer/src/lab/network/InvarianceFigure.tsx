/**
 * The circular-padding figure: the six inputs, their GAP vectors under each padding variant side by
 * side, whether the shifted pairs' vectors match, and the feature maps of one input with the
 * wrapped row and column the kernels' 9×9 output repeats.
 */
import type { RefObject } from 'react';

import type { LabTensor } from '../../../../preload/labContract.js';
import { divergingColor } from '../../studio/analysis/divergingColormap.js';
import { CellGrid } from './CellGrid.js';
import type { VectorComparison } from './compareVectors.js';
import type { DuplicatedWrap } from './duplicatedWrap.js';
import { formatNumber } from './formatNumber.js';
import type { VariantReport } from './invarianceReport.js';
import { INVARIANCE_VARIANTS, type InvarianceVariant } from './invarianceSteps.js';
import { layerColor } from './layerColors.js';

export interface FigureInput {
  id: string;
  label: string;
  /** A few words under the label, e.g. 'row 1' or 'shift (3, 2)'. */
  sub: string;
  pixels: readonly number[];
}

export interface FigurePair {
  a: number;
  b: number;
  /** e.g. 'x4 = x1 shifted (0, 4)'. */
  relation: string;
}

export interface ShownMaps {
  title: string;
  layers: { name: string; y: LabTensor }[];
  item: number;
  wrap: DuplicatedWrap | null;
}

export interface InvarianceFigureProps {
  svg: RefObject<SVGSVGElement | null>;
  inputs: readonly FigureInput[];
  pairs: readonly FigurePair[];
  reports: readonly VariantReport[] | null;
  maps: ShownMaps | null;
  busy: boolean;
}

const WIDTH = 680;
/** Left column (row labels), then one column per input. */
const LEFT = 122;
const COL = 93;
const ROW = 60;
const VARIANT_TOP = 150;
const VERDICT_COL = 170;

const rgb = (c: readonly number[]) => `rgb(${c[0]},${c[1]},${c[2]})`;
const gray = (v: number) => (v > 0.5 ? '#111111' : '#ffffff');

/** Each variant's label in the narrow first column, one line per entry. */
const VARIANT_LINES: Record<InvarianceVariant, string[]> = {
  circular: ['circular padding', '(kernel output)'],
  zeros: ['zero padding'],
  'circular-crop': ['circular, maps', 'cropped to 8×8'],
};

const VERDICT_HEADS: Record<InvarianceVariant, string> = {
  circular: 'circular (kernel)',
  zeros: 'zero padding',
  'circular-crop': 'circular, 8×8 torus',
};

/** Six decimals in aligned columns (the verdicts give the exact differences); 0 when exactly 0. */
function vectorValue(v: number): string {
  return v === 0 ? '0' : v.toFixed(6).replace('-', '−');
}

function verdict(c: VectorComparison): string {
  return `${c.match ? '✓ match' : '✗ differ'}: ${c.identical ? '0 (identical)' : formatNumber(c.maxDifference, 3)}`;
}

function shapeLine(report: VariantReport): string {
  const [a, b] = [report.conv1Shape, report.conv2Shape].map((s) => s.slice(2).join('×'));
  return report.variant === 'circular-crop' ? `${a}, ${b}, each kept 8×8` : `maps ${a} → ${b}`;
}

export function InvarianceFigure({ svg, inputs, pairs, reports, maps, busy }: InvarianceFigureProps) {
  const fcTop = VARIANT_TOP + INVARIANCE_VARIANTS.length * ROW;
  const verdictTop = fcTop + ROW + 28;
  const mapsTop = verdictTop + 26 + pairs.length * 30 + 34;
  const height = mapsTop + 130;
  return (
    <svg
      ref={svg}
      width={WIDTH}
      height={height}
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label="GAP vectors of shifted inputs under circular and zero padding"
      data-testid="circular-figure"
      data-state={busy ? 'busy' : 'idle'}
      fontFamily="sans-serif"
    >
      <rect width={WIDTH} height={height} fill="#ffffff" />
      <text x={10} y={20} fontSize={13} fontWeight="bold" fill="#222222">
        Inputs, 8×8 (black = 1)
      </text>
      {inputs.map((input, i) => (
        <g key={input.id}>
          <text x={LEFT + i * COL} y={44} fontSize={12} fill="#222222" fontWeight="bold">
            {input.label}
          </text>
          <text x={LEFT + i * COL} y={58} fontSize={10} fill="#555555">
            {input.sub}
          </text>
          <CellGrid x={LEFT + i * COL} y={64} rows={8} cols={8} cell={8} values={input.pixels} fill={gray} />
        </g>
      ))}
      <text x={10} y={VARIANT_TOP - 8} fontSize={13} fontWeight="bold" fill="#222222">
        GAP output g = (g1, g2, g3) per input, as the kernels compute it
      </text>
      {INVARIANCE_VARIANTS.map((v, r) => {
        const report = reports?.find((x) => x.variant === v.id);
        const y = VARIANT_TOP + r * ROW;
        return (
          <g key={v.id} data-testid={`gap-row-${v.id}`}>
            <line x1={10} x2={WIDTH - 10} y1={y} y2={y} stroke="#dddddd" />
            <RowLabel
              y={y}
              lines={VARIANT_LINES[v.id]}
              note={report ? shapeLine(report) : ''}
              testId={`shapes-${v.id}`}
            />
            {report &&
              report.gap.map((g, i) => (
                <Vector key={i} x={LEFT + i * COL} y={y + 16} values={g} testId={`gap-${v.id}-${i}`} />
              ))}
          </g>
        );
      })}
      {reports?.[0] && (
        <g>
          <line x1={10} x2={WIDTH - 10} y1={fcTop} y2={fcTop} stroke="#dddddd" />
          <RowLabel y={fcTop} lines={['FC-3 output', '(circular)']} note="" />
          {reports[0].fc.map((f, i) => (
            <Vector key={i} x={LEFT + i * COL} y={fcTop + 16} values={f} testId={`fc-circular-${i}`} />
          ))}
        </g>
      )}
      <text x={10} y={verdictTop - 6} fontSize={13} fontWeight="bold" fill="#222222">
        Same g for the shifted pair? max|Δ| over g1..g3
      </text>
      <text x={10} y={verdictTop + 10} fontSize={10} fill="#555555">
        match: max|Δ| ≤ 2⁻¹⁷·max(1, |g|), float32 rounding of the same sums
      </text>
      {INVARIANCE_VARIANTS.map((v, k) => (
        <text key={v.id} x={LEFT + k * VERDICT_COL} y={verdictTop + 28} fontSize={11} fill="#555555">
          {VERDICT_HEADS[v.id]}
        </text>
      ))}
      {pairs.map((p, r) => {
        const y = verdictTop + 48 + r * 30;
        return (
          <g key={r} fontSize={11}>
            <text x={10} y={y} fill="#222222" fontWeight="bold">
              {inputs[p.a].label} vs {inputs[p.b].label}
            </text>
            <text x={10} y={y + 13} fill="#555555" fontSize={10}>
              {p.relation}
            </text>
            {INVARIANCE_VARIANTS.map((v, k) => {
              const c = reports?.find((x) => x.variant === v.id)?.pairs[r];
              return c ? (
                <text
                  key={v.id}
                  x={LEFT + k * VERDICT_COL}
                  y={y}
                  fill={c.match ? '#1a7f37' : '#c62828'}
                  data-testid={`verdict-${v.id}-${r}`}
                  data-match={c.match}
                >
                  {verdict(c)}
                </text>
              ) : null;
            })}
          </g>
        );
      })}
      {maps && <Maps top={mapsTop} maps={maps} />}
    </svg>
  );
}

function RowLabel({ y, lines, note, testId }: { y: number; lines: string[]; note: string; testId?: string }) {
  return (
    <g fontSize={11} fill="#222222">
      {lines.map((w, i) => (
        <text key={i} x={10} y={y + 16 + i * 13}>
          {w}
        </text>
      ))}
      {note && (
        <text x={10} y={y + 16 + lines.length * 13} fill="#555555" fontSize={9} data-testid={testId}>
          {note}
        </text>
      )}
    </g>
  );
}

function Vector({
  x,
  y,
  values,
  testId,
}: {
  x: number;
  y: number;
  values: readonly number[];
  testId: string;
}) {
  return (
    <g fontSize={11} data-testid={testId}>
      {values.map((v, i) => (
        <g key={i}>
          <rect x={x} y={y + i * 14 - 8} width={8} height={8} fill={layerColor(i + 1)} />
          <text x={x + 11} y={y + i * 14} fill="#222222" fontFamily="monospace">
            {vectorValue(v)}
          </text>
        </g>
      ))}
    </g>
  );
}

function Maps({ top, maps }: { top: number; maps: ShownMaps }) {
  let x = 10;
  const groups = [];
  for (const layer of maps.layers) {
    const [, c, h, w] = layer.y.shape;
    const base = maps.item * c * h * w;
    const values = layer.y.data.subarray(base, base + c * h * w);
    const maxAbs = values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const cell = Math.min(9, 90 / Math.max(h, w));
    const wrapped = maps.wrap !== null && layer.name === 'conv1';
    for (let ch = 0; ch < c; ch++) {
      groups.push(
        <CellGrid
          key={`${layer.name}-${ch}`}
          x={x}
          y={top + 36}
          rows={h}
          cols={w}
          cell={cell}
          values={values.subarray(ch * h * w, (ch + 1) * h * w)}
          fill={(v) => rgb(divergingColor(v, maxAbs))}
          outlineRows={wrapped ? [h - 1] : []}
          outlineCols={wrapped ? [w - 1] : []}
          label={`${layer.name} ch${ch + 1} ${h}×${w}`}
          testId={`map-${layer.name}-${ch}`}
        />,
      );
      x += w * cell + 14;
    }
    x += 8;
  }
  return (
    <g>
      <text x={10} y={top - 6} fontSize={13} fontWeight="bold" fill="#222222">
        {maps.title}
      </text>
      {maps.wrap && (
        <text x={10} y={top + 10} fontSize={10} fill="#d4006a" data-testid="wrap-measured">
          dashed: conv1&apos;s last row and column; measured max|row {maps.wrap.rows - 1} − row 0| ={' '}
          {formatNumber(maps.wrap.rowDifference, 3)}, max|col {maps.wrap.cols - 1} − col 0| ={' '}
          {formatNumber(maps.wrap.colDifference, 3)}
        </text>
      )}
      {groups}
    </g>
  );
}
