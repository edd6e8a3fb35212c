/**
 * The histogram of a preview's values before mapping, with the window the output mapping keeps
 * unclamped marked and the fraction clamped away printed.
 */
import type { PreviewResult } from '../../../../preload/contract.js';
import type { OutputMapping } from '../kernel/types.js';
import { formatWeight } from './formatWeight.js';
import { clampedFraction, mappingWindow } from './histogramClamp.js';

const W = 256;
const H = 96;

/** HistogramView's props. */
export interface HistogramViewProps {
  preview: PreviewResult;
  mapping: OutputMapping;
  /** The largest sample: 255 for 8-bit images, 65535 for 16-bit. */
  fullScale: number;
}

function percent(f: number): string {
  if (f === 0) return '0%';
  if (f < 0.001) return '< 0.1%';
  return `${(f * 100).toFixed(1)}%`;
}

/** The histogram as an SVG bar chart over [min, max]. */
export function HistogramView({ preview, mapping, fullScale }: HistogramViewProps) {
  const { histogram, min, max } = preview;
  const window = mappingWindow(mapping, fullScale);
  const fraction = clampedFraction(histogram, min, max, window);
  const peak = Math.max(1, ...histogram);
  const bin = W / Math.max(1, histogram.length);
  const range = max - min;
  // Where a value falls on the chart; a single-valued histogram puts everything in bin 0.
  const x = (v: number): number =>
    range > 0 ? Math.min(W, Math.max(0, ((v - min) / range) * W)) : v < min ? 0 : W;
  const bars = histogram
    .map((count, i) => {
      const h = (count / peak) * H;
      return count > 0 ? `M${i * bin} ${H}h${bin}v${-h}h${-bin}z` : '';
    })
    .join('');
  const windowText = window ? `[${formatWeight(window.lo)}, ${formatWeight(window.hi)}]` : 'the whole range';
  return (
    <figure style={{ margin: 0 }}>
      <svg
        data-testid="histogram"
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        role="img"
        aria-label={`Histogram of the values before mapping, from ${formatWeight(min)} to ${formatWeight(max)}; ${percent(fraction)} fall outside ${windowText} and are clamped`}
        style={{ border: '1px solid #c8ccd2', background: '#fff' }}
      >
        {window && x(window.lo) > 0 && <rect x={0} y={0} width={x(window.lo)} height={H} fill="#f4c7c3" />}
        {window && x(window.hi) < W && (
          <rect x={x(window.hi)} y={0} width={W - x(window.hi)} height={H} fill="#f4c7c3" />
        )}
        <path d={bars} fill="#37474f" />
        {window &&
          [window.lo, window.hi]
            .filter((v) => v > min && v < max)
            .map((v) => <line key={v} x1={x(v)} x2={x(v)} y1={0} y2={H} stroke="#b00020" strokeWidth={1} />)}
      </svg>
      <figcaption>
        <div style={{ display: 'flex', justifyContent: 'space-between', width: W }}>
          <span>{formatWeight(min)}</span>
          <span>{formatWeight(max)}</span>
        </div>
        <div data-testid="clamped-fraction">
          {window
            ? `Kept unclamped: ${windowText}; clamped away: ${percent(fraction)}`
            : 'Stretch maps the whole range: nothing is clamped'}
        </div>
      </figcaption>
    </figure>
  );
}
