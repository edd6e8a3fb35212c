/** The key to the maps' colours: the scale kind's gradient and what its ends mean in this mode. */
import { legendGradient, type ColorScale } from './colorScale.js';
import { formatValue, type ScaleMode } from './mapScales.js';

/** Props of ScaleLegend. */
export interface ScaleLegendProps {
  /** The layer's (or, global, the run's) scale; per-map mode labels only the kind. */
  scale: ColorScale;
  mode: ScaleMode;
}

/** A small colour bar with its end values. */
export function ScaleLegend({ scale, mode }: ScaleLegendProps) {
  const [lo, hi] = scale.kind === 'diverging' ? [-scale.maxAbs, scale.maxAbs] : [scale.min, scale.max];
  const ends = mode === 'map' ? ['min', 'max'] : [formatValue(lo), formatValue(hi)];
  const kind = scale.kind === 'diverging' ? 'signed: blue < 0 < red' : 'non-negative';
  return (
    <figure className="scale-legend" data-testid="scale-legend" data-kind={scale.kind}>
      <span className="muted small">{kind}</span>
      <div
        className="legend-bar"
        aria-hidden="true"
        style={{ background: `linear-gradient(to right, ${legendGradient(scale.kind)})` }}
      />
      <figcaption className="legend-ends small">
        <span>{ends[0]}</span>
        {scale.kind === 'diverging' && <span>0</span>}
        <span>{ends[1]}</span>
      </figcaption>
    </figure>
  );
}
