/**
 * A small SVG line chart: nice ticks on both axes, axis labels, one path per series (dashed or
 * thin where asked) with dots at the points of short series, and an HTML legend that wraps.
 */
import { useRef } from 'react';

import { useElementSize } from '../explorer/useElementSize.js';
import { linePath, linearScale, niceDomain, tickLabel } from './chartScale.js';
import type { Point } from './runCurves.js';

export interface ChartSeries {
  id: string;
  label: string;
  color: string;
  points: readonly Point[];
  dashed?: boolean;
  /** Drawn thin and faint (many noisy points, e.g. mini-batch losses). */
  faint?: boolean;
}

/** Props of LineChart. */
export interface LineChartProps {
  title: string;
  series: readonly ChartSeries[];
  xLabel: string;
  yLabel: string;
  /** The x axis spans at least this (e.g. 0..epochs). */
  xExtent?: [number, number];
  /** The y axis spans at least this; data beyond widens it unless `yClamp` holds it. */
  yExtent?: [number, number];
  /** Hard limits of the y axis (accuracy stays within 0..100). */
  yClamp?: [number, number];
  /** Ticks on x only at whole numbers (epochs). */
  integerX?: boolean;
  /** Plot height in px (the width follows the element). */
  height?: number;
  testId?: string;
}

/** Width before the element has been measured. */
const DEFAULT_WIDTH = 440;
const MARGIN = { top: 10, right: 12, bottom: 34, left: 46 };

/** The chart. */
export function LineChart(props: LineChartProps) {
  const {
    title,
    series,
    xLabel,
    yLabel,
    xExtent,
    yExtent,
    yClamp,
    integerX = false,
    height = 200,
    testId,
  } = props;
  const figure = useRef<HTMLElement>(null);
  const measured = useElementSize(figure).width;
  // The SVG is drawn at its real pixel width, so text keeps its size however wide the chart is.
  const WIDTH = measured > 0 ? measured : DEFAULT_WIDTH;
  const HEIGHT = height;
  const xs = series.flatMap((s) => s.points.map((p) => p.x)).filter(Number.isFinite);
  const ys = series.flatMap((s) => s.points.map((p) => p.y)).filter(Number.isFinite);
  const xMin = Math.min(...xs, ...(xExtent ? [xExtent[0]] : []));
  const xMax = Math.max(...xs, ...(xExtent ? [xExtent[1]] : []));
  let yMin = Math.min(...ys, ...(yExtent ? [yExtent[0]] : []));
  let yMax = Math.max(...ys, ...(yExtent ? [yExtent[1]] : []));
  if (yClamp) {
    yMin = Math.max(yClamp[0], yMin);
    yMax = Math.min(yClamp[1], yMax);
  }
  const xAxis = niceDomain(
    Number.isFinite(xMin) ? xMin : 0,
    Number.isFinite(xMax) ? xMax : 1,
    Math.max(2, Math.round(WIDTH / 70)),
    integerX ? 1 : 0,
  );
  const yAxis = niceDomain(Number.isFinite(yMin) ? yMin : 0, Number.isFinite(yMax) ? yMax : 1, 4);
  if (yClamp) {
    yAxis.domain = [Math.max(yClamp[0], yAxis.domain[0]), Math.min(yClamp[1], yAxis.domain[1])];
    yAxis.ticks = yAxis.ticks.filter((t) => t >= yAxis.domain[0] && t <= yAxis.domain[1]);
  }
  const x0 = MARGIN.left;
  const x1 = WIDTH - MARGIN.right;
  const y0 = HEIGHT - MARGIN.bottom;
  const y1 = MARGIN.top;
  const sx = linearScale(xAxis.domain, [x0, x1]);
  const sy = linearScale(yAxis.domain, [y0, y1]);
  const clampY = (v: number) => Math.min(y0, Math.max(y1, sy(v)));
  const empty = ys.length === 0;

  return (
    <figure className="line-chart" data-testid={testId} ref={figure}>
      <figcaption className="chart-title">{title}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${title}: ${series.map((s) => s.label).join(', ')}`}
      >
        <rect x={x0} y={y1} width={x1 - x0} height={y0 - y1} className="chart-plot" />
        {yAxis.ticks.map((t) => (
          <g key={`y${t}`}>
            <line x1={x0} x2={x1} y1={sy(t)} y2={sy(t)} className="chart-grid" />
            <text x={x0 - 5} y={sy(t)} className="chart-tick" textAnchor="end" dominantBaseline="middle">
              {tickLabel(t)}
            </text>
          </g>
        ))}
        {xAxis.ticks.map((t) => (
          <g key={`x${t}`}>
            <line x1={sx(t)} x2={sx(t)} y1={y0} y2={y0 + 4} className="chart-axis" />
            <text x={sx(t)} y={y0 + 15} className="chart-tick" textAnchor="middle">
              {tickLabel(t)}
            </text>
          </g>
        ))}
        <line x1={x0} x2={x1} y1={y0} y2={y0} className="chart-axis" />
        <line x1={x0} x2={x0} y1={y0} y2={y1} className="chart-axis" />
        <text x={(x0 + x1) / 2} y={HEIGHT - 4} className="chart-label" textAnchor="middle">
          {xLabel}
        </text>
        <text
          x={12}
          y={(y0 + y1) / 2}
          className="chart-label"
          textAnchor="middle"
          transform={`rotate(-90 12 ${(y0 + y1) / 2})`}
        >
          {yLabel}
        </text>
        {series.map((s) => (
          <g key={s.id} data-series={s.id}>
            <path
              d={linePath(s.points, sx, clampY)}
              fill="none"
              stroke={s.color}
              strokeWidth={s.faint ? 1 : 2}
              strokeOpacity={s.faint ? 0.45 : 1}
              strokeDasharray={s.dashed ? '5 4' : undefined}
            />
            {!s.faint &&
              s.points.length <= 40 &&
              s.points.map((p, i) =>
                Number.isFinite(p.y) ? (
                  <circle key={i} cx={sx(p.x)} cy={clampY(p.y)} r={2.5} fill={s.color} />
                ) : null,
              )}
          </g>
        ))}
        {empty && (
          <text x={(x0 + x1) / 2} y={(y0 + y1) / 2} className="chart-empty" textAnchor="middle">
            waiting for the first numbers…
          </text>
        )}
      </svg>
      <ul className="chart-legend">
        {series.map((s) => (
          <li key={s.id}>
            <svg width="22" height="8" aria-hidden="true">
              <line
                x1="1"
                x2="21"
                y1="4"
                y2="4"
                stroke={s.color}
                strokeWidth={s.faint ? 1 : 2}
                strokeDasharray={s.dashed ? '4 3' : undefined}
              />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
