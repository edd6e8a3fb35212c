/**
 * Stems of a discrete-time signal in SVG: a line from 0 to each value and a marker on top (filled
 * dot, ring or cross, so two series can share a panel and both stay readable; markers without
 * stems can ring another series' dots). Emphasised stems are thicker and get a halo. Drawn with
 * attributes only, like every lab figure, so it exports as it looks. Axes are drawn separately
 * (Axes.tsx); this draws the zero line across the x range.
 */
import type { LinearScale } from './linearScale.js';

export interface Stem {
  n: number;
  v: number;
}

export interface StemPlotProps {
  x: LinearScale;
  y: LinearScale;
  stems: readonly Stem[];
  color: string;
  marker?: 'dot' | 'ring' | 'cross';
  /** Marker radius in pixels. */
  radius?: number;
  /** Horizontal offset in pixels, to set two series at the same n side by side. */
  dx?: number;
  /** Stems with these n are drawn thicker. */
  emphasis?: ReadonlySet<number>;
  /** Draw the line v = 0 across the plot (default true). */
  zeroLine?: boolean;
  /** Draw the stem lines (default true); false draws markers only, e.g. rings around another series' dots. */
  stem?: boolean;
  /** Name of the series (data-series on the group, for tests and assistive tech). */
  name?: string;
}

export function StemPlot({
  x,
  y,
  stems,
  color,
  marker = 'dot',
  radius = 3.5,
  dx = 0,
  emphasis,
  zeroLine = true,
  stem = true,
  name,
}: StemPlotProps) {
  const y0 = y(0);
  const [xa, xb] = x.range;
  return (
    <g data-series={name} aria-label={name}>
      {zeroLine && <line x1={xa} x2={xb} y1={y0} y2={y0} stroke="#999999" strokeWidth={0.75} />}
      {stems.map(({ n, v }) => {
        const px = x(n) + dx;
        const py = y(v);
        const strong = emphasis?.has(n) ?? false;
        return (
          <g key={n} data-n={n} data-v={v}>
            {stem && (
              <line x1={px} x2={px} y1={y0} y2={py} stroke={color} strokeWidth={strong ? 2.5 : 1.25} />
            )}
            {strong && <circle cx={px} cy={py} r={radius + 5} fill="none" stroke={color} strokeWidth={1.5} />}
            {marker === 'dot' && <circle cx={px} cy={py} r={strong ? radius + 1 : radius} fill={color} />}
            {marker === 'ring' && (
              <circle
                cx={px}
                cy={py}
                r={strong ? radius + 1 : radius}
                // A ring on its own stem hides the stem behind it; a stemless ring shows what it rings.
                fill={stem ? '#ffffff' : 'none'}
                stroke={color}
                strokeWidth={1.5}
              />
            )}
            {marker === 'cross' && (
              <path
                d={`M${px - radius},${py - radius}L${px + radius},${py + radius}M${px - radius},${py + radius}L${px + radius},${py - radius}`}
                stroke={color}
                strokeWidth={1.5}
              />
            )}
          </g>
        );
      })}
    </g>
  );
}
