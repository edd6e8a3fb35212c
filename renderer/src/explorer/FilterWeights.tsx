/**
 * A conv layer's filters [F, C/groups, KH, KW] as small diverging heatmaps: one row per filter,
 * one column per input channel, all on one symmetric scale so kernels compare at a glance.
 */
import { memo, useMemo } from 'react';

import { Heatmap } from './Heatmap.js';
import { formatValue, rangeOf } from './mapScales.js';
import type { TensorData } from './networkApi.js';

/** Input channels drawn per filter at most (a wide layer would otherwise fill the screen). */
const MAX_COLUMNS = 16;
/** Filters drawn at most. */
const MAX_ROWS = 32;

/** The filters grid (memoised: a hover elsewhere re-renders the explorer, not a hundred kernels). */
export const FilterWeights = memo(function FilterWeights({
  weights,
  layerName,
}: {
  weights: TensorData;
  layerName: string;
}) {
  const [f, c, kh, kw] = weights.dims;
  const maxAbs = useMemo(() => {
    const r = rangeOf(weights.data);
    return Math.max(Math.abs(r.min), Math.abs(r.max));
  }, [weights.data]);
  if (weights.dims.length !== 4) return null;
  const rows = Math.min(f, MAX_ROWS);
  const cols = Math.min(c, MAX_COLUMNS);
  const plane = kh * kw;
  const caption = (
    <p className="muted small">
      {f} filters × {c} input channel{c === 1 ? '' : 's'}, {kh}×{kw}; one scale, ±{formatValue(maxAbs)}
      {rows < f || cols < c ? ` (first ${rows} × ${cols} shown)` : ''}
    </p>
  );
  if (c === 1)
    // One input channel: the filters side by side, large enough to read each weight.
    return (
      <div className="filter-weights single" data-testid="filter-weights">
        {caption}
        <div className="filter-row">
          {Array.from({ length: rows }, (_, i) => (
            <figure key={i}>
              <Heatmap
                data={weights.data}
                offset={i * plane}
                height={kh}
                width={kw}
                scale={{ kind: 'diverging', maxAbs }}
                label={`${layerName} filter ${i}`}
                testId={`filter-${i}-0`}
                className="kernel"
              />
              <figcaption className="filter-head small muted">f{i}</figcaption>
            </figure>
          ))}
        </div>
      </div>
    );
  return (
    <div className="filter-weights" data-testid="filter-weights">
      {caption}
      <div
        className="filter-grid"
        style={{ gridTemplateColumns: `auto repeat(${cols}, var(--kernel-size))` }}
      >
        <span />
        {Array.from({ length: cols }, (_, j) => (
          <span key={j} className="filter-head small muted">
            in {j}
          </span>
        ))}
        {Array.from({ length: rows }, (_, i) => (
          <FilterRow
            key={i}
            index={i}
            cols={cols}
            c={c}
            plane={plane}
            kh={kh}
            kw={kw}
            weights={weights}
            maxAbs={maxAbs}
            layerName={layerName}
          />
        ))}
      </div>
    </div>
  );
});

function FilterRow(props: {
  index: number;
  cols: number;
  c: number;
  plane: number;
  kh: number;
  kw: number;
  weights: TensorData;
  maxAbs: number;
  layerName: string;
}) {
  const { index, cols, c, plane, kh, kw, weights, maxAbs, layerName } = props;
  return (
    <>
      <span className="filter-head small muted">f{index}</span>
      {Array.from({ length: cols }, (_, j) => (
        <Heatmap
          key={j}
          data={weights.data}
          offset={(index * c + j) * plane}
          height={kh}
          width={kw}
          scale={{ kind: 'diverging', maxAbs }}
          label={`${layerName} filter ${index}, input channel ${j}`}
          testId={`filter-${index}-${j}`}
          className="kernel"
        />
      ))}
    </>
  );
}
