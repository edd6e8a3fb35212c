/**
 * A vector layer (Flatten, Gemm, …): up to 32 values as signed bars around a zero line (a
 * classifier's logits, labelled by class), longer vectors as a heat strip wrapped so that each
 * row is one map of the layer it flattens (when it flattens one). Units are hoverable either way.
 */
import type { LayerInfo, Rect } from '../../../preload/networkTypes.js';
import { colorOf, type ColorScale } from './colorScale.js';
import { Heatmap, type MapOverlay } from './Heatmap.js';
import { formatValue, type ValueRange } from './mapScales.js';
import type { UnitRef } from './receptiveRects.js';

const MAX_BARS = 32;

/** Props of VectorView. */
export interface VectorViewProps {
  layer: LayerInfo;
  data: Float32Array;
  scale: ColorScale;
  range: ValueRange;
  unit: UnitRef | null;
  field: { clipped: Rect | null; unclipped: Rect } | null;
  classes: string[] | null;
  onHover(unit: UnitRef | null): void;
  onPick(unit: UnitRef): void;
}

/** Row length of the heat strip: the flattened map's size when known, else up to 64. */
export function stripColumns(layer: LayerInfo, length: number): number {
  for (const f of layer.fields) if (f && f !== 'whole' && f.unflatten) return f.unflatten[0] * f.unflatten[1];
  return Math.min(length, 64);
}

/** The vector as bars or strip. */
export function VectorView({
  layer,
  data,
  scale,
  range,
  unit,
  field,
  classes,
  onHover,
  onPick,
}: VectorViewProps) {
  const n = data.length;
  const ref = (x: number): UnitRef => ({ layer: layer.index, channel: 0, y: 0, x });
  if (n <= MAX_BARS) {
    const top = Math.max(Math.abs(range.min), Math.abs(range.max)) || 1;
    const signed = range.min < 0;
    const labels = classes !== null && classes.length === n ? classes : null;
    return (
      <div
        className="vector-bars"
        data-testid="activation-vector"
        data-kind="bars"
        role="group"
        aria-label={`${layer.name}: ${n} values`}
      >
        {Array.from(data, (v, x) => {
          const [r, g, b] = colorOf(v, scale);
          const h = (Math.abs(v) / top) * (signed ? 50 : 100);
          return (
            <button
              type="button"
              key={x}
              className={`vector-bar${unit?.x === x ? ' selected' : ''}${
                field?.clipped && x >= field.clipped.left && x <= field.clipped.right ? ' in-field' : ''
              }`}
              data-testid={`vector-unit-${x}`}
              aria-label={`${labels ? `class ${labels[x]}` : `unit ${x}`}: ${formatValue(v)}`}
              onPointerEnter={() => onHover(ref(x))}
              onPointerLeave={() => onHover(null)}
              onFocus={() => onHover(ref(x))}
              onBlur={() => onHover(null)}
              onClick={() => onPick(ref(x))}
            >
              <span className="bar-track" style={{ ['--zero' as string]: signed ? '50%' : '0%' }}>
                <span
                  className="bar-fill"
                  style={{
                    height: `${h}%`,
                    bottom: signed && v < 0 ? `${50 - h}%` : signed ? '50%' : '0',
                    background: `rgb(${r} ${g} ${b})`,
                  }}
                />
              </span>
              <span className="bar-value small">{formatValue(v)}</span>
              <span className="bar-label small muted">{labels ? labels[x] : x}</span>
            </button>
          );
        })}
      </div>
    );
  }
  const cols = stripColumns(layer, n);
  const rows = Math.ceil(n / cols);
  const padded = new Float32Array(rows * cols).fill(NaN);
  padded.set(data);
  const at = (u: { y: number; x: number }) => u.y * cols + u.x;
  const overlays: MapOverlay[] = [];
  if (field !== null && field.clipped !== null) {
    // The elements a later unit reads, as one segment per wrapped row.
    const { left, right } = field.clipped;
    for (let row = Math.floor(left / cols); row <= Math.floor(right / cols); row++) {
      const a = Math.max(left, row * cols) - row * cols;
      const b = Math.min(right, row * cols + cols - 1) - row * cols;
      overlays.push({ rect: { top: row, left: a, bottom: row, right: b }, className: 'rf-rect' });
    }
  }
  if (unit !== null) {
    const y = Math.floor(unit.x / cols);
    const x = unit.x % cols;
    overlays.push({ rect: { top: y, left: x, bottom: y, right: x }, className: 'unit-cell' });
  }
  return (
    <div className="vector-strip">
      <Heatmap
        data={padded}
        height={rows}
        width={cols}
        scale={scale}
        label={`${layer.name}: ${n} values in rows of ${cols}`}
        testId="activation-vector"
        overlays={overlays}
        cursor={unit ? { y: Math.floor(unit.x / cols), x: unit.x % cols } : null}
        onHover={(u) => onHover(u && at(u) < n ? ref(at(u)) : null)}
        onCursor={(u) => onHover(u && at(u) < n ? ref(at(u)) : null)}
        onPick={(u) => at(u) < n && onPick(ref(at(u)))}
      />
      <p className="muted small">
        {n} values, {rows} rows of {cols}
        {cols !== Math.min(n, 64) ? ' (one row per flattened map)' : ''}; range {formatValue(range.min)} …{' '}
        {formatValue(range.max)}
      </p>
    </div>
  );
}
