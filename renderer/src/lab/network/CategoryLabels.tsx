/**
 * Category names under a chart's x axis (layer names), with tick marks, rotated so long names
 * stay readable when layers sit close together. Attributes only.
 */
import type { LinearScale } from '../charts/linearScale.js';

export interface CategoryLabelsProps {
  x: LinearScale;
  /** Pixel row of the axis line. */
  y: number;
  names: readonly string[];
  /** Rotation in degrees (negative: rising to the right). */
  angle?: number;
}

export function CategoryLabels({ x, y, names, angle = -35 }: CategoryLabelsProps) {
  return (
    <g fontFamily="sans-serif" fontSize={10} fill="#333333">
      {names.map((name, i) => (
        <g key={i} transform={`translate(${x(i)},${y})`}>
          <line y2={4} stroke="#333333" />
          <text
            transform={angle === 0 ? 'translate(0,14)' : `translate(3,10) rotate(${angle})`}
            textAnchor={angle === 0 ? 'middle' : 'end'}
            dy="0.35em"
          >
            {name}
          </text>
        </g>
      ))}
    </g>
  );
}
