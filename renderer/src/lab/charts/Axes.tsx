/**
 * x and y axes of a lab figure in SVG, with ticks, tick labels and axis titles, drawn with
 * attributes only (the figure exports as it looks).
 */
import type { LinearScale } from './linearScale.js';

export interface AxesProps {
  x: LinearScale;
  y: LinearScale;
  xLabel?: string;
  yLabel?: string;
  xTicks?: number[];
  yTicks?: number[];
  /** Formats tick values; default: up to 3 significant decimals. */
  format?: (v: number) => string;
}

const defaultFormat = (v: number) => String(Number(v.toPrecision(4)));

export function Axes({ x, y, xLabel, yLabel, xTicks, yTicks, format = defaultFormat }: AxesProps) {
  const [x0, x1] = x.range;
  const [y0, y1] = y.range;
  const bottom = Math.max(y0, y1);
  const left = Math.min(x0, x1);
  return (
    <g fontFamily="sans-serif" fontSize={11} fill="#333333">
      <line x1={left} x2={Math.max(x0, x1)} y1={bottom} y2={bottom} stroke="#333333" />
      <line x1={left} x2={left} y1={Math.min(y0, y1)} y2={bottom} stroke="#333333" />
      {(xTicks ?? x.ticks()).map((t) => (
        <g key={`x${t}`} transform={`translate(${x(t)},${bottom})`}>
          <line y2={5} stroke="#333333" />
          <text y={17} textAnchor="middle">
            {format(t)}
          </text>
        </g>
      ))}
      {(yTicks ?? y.ticks()).map((t) => (
        <g key={`y${t}`} transform={`translate(${left},${y(t)})`}>
          <line x2={-5} stroke="#333333" />
          <text x={-8} dy="0.32em" textAnchor="end">
            {format(t)}
          </text>
        </g>
      ))}
      {xLabel && (
        <text x={(x0 + x1) / 2} y={bottom + 32} textAnchor="middle">
          {xLabel}
        </text>
      )}
      {yLabel && (
        <text transform={`translate(${left - 40},${(y0 + y1) / 2}) rotate(-90)`} textAnchor="middle">
          {yLabel}
        </text>
      )}
    </g>
  );
}
