/**
 * A grid of cells in SVG: one value per cell, coloured by `fill`, optionally printed; rows and
 * columns to outline (the duplicated wrap-around row and column of a 9×9 map). Attributes only,
 * so the exported figure looks as drawn.
 */
import { formatNumber } from './formatNumber.js';

export interface CellGridProps {
  x: number;
  y: number;
  rows: number;
  cols: number;
  /** Row-major, rows × cols. */
  values: ArrayLike<number>;
  cell: number;
  fill: (value: number) => string;
  /** Print each value in its cell (with this many significant digits). */
  digits?: number;
  /** Text colour for printed values, per value. */
  textFill?: (value: number) => string;
  outlineRows?: readonly number[];
  outlineCols?: readonly number[];
  label?: string;
  testId?: string;
}

export function CellGrid({
  x,
  y,
  rows,
  cols,
  values,
  cell,
  fill,
  digits,
  textFill = () => '#111111',
  outlineRows = [],
  outlineCols = [],
  label,
  testId,
}: CellGridProps) {
  const cells = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const v = values[r * cols + c];
      cells.push(
        <g key={`${r}-${c}`}>
          <rect
            x={x + c * cell}
            y={y + r * cell}
            width={cell}
            height={cell}
            fill={fill(v)}
            stroke="#bbbbbb"
            strokeWidth={0.5}
          />
          {digits !== undefined && (
            <text
              x={x + (c + 0.5) * cell}
              y={y + (r + 0.5) * cell}
              dy="0.35em"
              textAnchor="middle"
              fontSize={Math.min(11, cell * 0.34)}
              fill={textFill(v)}
            >
              {formatNumber(v, digits)}
            </text>
          )}
        </g>,
      );
    }
  return (
    <g data-testid={testId} fontFamily="sans-serif">
      {label && (
        <text x={x} y={y - 6} fontSize={12} fill="#222222">
          {label}
        </text>
      )}
      {cells}
      {outlineRows.map((r) => (
        <rect
          key={`row${r}`}
          x={x}
          y={y + r * cell}
          width={cols * cell}
          height={cell}
          fill="none"
          stroke="#d4006a"
          strokeWidth={2}
          strokeDasharray="4 2"
        />
      ))}
      {outlineCols.map((c) => (
        <rect
          key={`col${c}`}
          x={x + c * cell}
          y={y}
          width={cell}
          height={rows * cell}
          fill="none"
          stroke="#d4006a"
          strokeWidth={2}
          strokeDasharray="4 2"
        />
      ))}
    </g>
  );
}
