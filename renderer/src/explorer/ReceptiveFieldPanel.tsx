/**
 * The selected unit and what it sees: its layer, channel, position and value, the size of its
 * receptive field on the input, and its field outlined on every earlier layer (each drawn as the
 * mean |value| over its channels), from the input up to the unit's own layer.
 */
import { useMemo } from 'react';

import type { NetworkRun } from '../../../preload/networkContract.js';
import type { LayerInfo, Rect } from '../../../preload/networkTypes.js';
import { channelMeanAbs } from './channelMeanAbs.js';
import { Heatmap, type MapOverlay } from './Heatmap.js';
import { formatValue, rangeOf } from './mapScales.js';
import { describeReceptiveField, receptiveRectOn, type UnitRef } from './receptiveRects.js';

/** Props of ReceptiveFieldPanel. */
export interface ReceptiveFieldPanelProps {
  layers: readonly LayerInfo[];
  run: NetworkRun;
  unit: UnitRef | null;
  pinned: boolean;
  onClear(): void;
}

/** The unit's value in the run. */
function unitValue(layer: LayerInfo, values: { data: Float32Array }, unit: UnitRef): number {
  if (layer.dims.length === 4) {
    const [, , h, w] = layer.dims;
    return values.data[(unit.channel * h + unit.y) * w + unit.x];
  }
  return values.data[unit.x];
}

/** Rows and columns of a rectangle, inclusive. */
function rectText(rect: Rect | null): string {
  return rect === null
    ? 'only padding'
    : `rows ${rect.top}–${rect.bottom}, columns ${rect.left}–${rect.right}`;
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;
}

/** The unit's description and its fields through the layers. */
export function ReceptiveFieldPanel({ layers, run, unit, pinned, onClear }: ReceptiveFieldPanelProps) {
  const pictures = useMemo(
    () =>
      layers.map((layer, j) => {
        if (layer.dims.length !== 4) return null;
        const [, c, h, w] = layer.dims;
        const values = channelMeanAbs(run.activations[j].data, c, h * w);
        return { values, height: h, width: w, max: rangeOf(values).max };
      }),
    [layers, run],
  );
  if (unit === null || layers[unit.layer] === undefined)
    return (
      <p className="muted small" data-testid="rf-size">
        Hover or click a unit of a map to see its receptive field (click pins it; arrow keys move it when a
        map has focus).
      </p>
    );
  const layer = layers[unit.layer];
  const onInput = unit.layer === 0 ? null : receptiveRectOn(layers, unit, 0);
  const where =
    layer.dims.length === 4 ? `channel ${unit.channel}, row ${unit.y}, column ${unit.x}` : `unit ${unit.x}`;
  return (
    <div className="rf-panel">
      <p className="small">
        <strong>
          {layer.op} {layer.name}
        </strong>
        , {where} = {formatValue(unitValue(layer, run.activations[unit.layer], unit))}{' '}
        {pinned && (
          <button type="button" className="link-button" onClick={onClear} data-testid="rf-unpin">
            unpin
          </button>
        )}
      </p>
      <p className="rf-size" data-testid="rf-size">
        {unit.layer === 0 ? 'an input pixel: it sees itself' : describeReceptiveField(onInput)}
      </p>
      {unit.layer > 0 && onInput && (
        <p className="muted small" data-testid="rf-rect-text">
          {rectText(onInput.clipped)}
          {onInput.clipped === null || !sameRect(onInput.clipped, onInput.unclipped)
            ? `; the window, padding included: ${rectText(onInput.unclipped)}`
            : ''}
        </p>
      )}
      <div className="rf-path">
        {layers.slice(0, unit.layer + 1).map((l, j) => {
          const picture = pictures[j];
          if (picture === null) return null;
          const rect = j === unit.layer ? null : receptiveRectOn(layers, unit, j);
          if (j < unit.layer && rect === null) return null;
          const overlays: MapOverlay[] = [];
          if (rect) {
            overlays.push({ rect: rect.unclipped, className: 'rf-window' });
            if (rect.clipped) overlays.push({ rect: rect.clipped, className: 'rf-rect' });
          } else if (j === unit.layer && layer.dims.length === 4)
            overlays.push({
              rect: { top: unit.y, left: unit.x, bottom: unit.y, right: unit.x },
              className: 'unit-cell',
            });
          return (
            <figure key={j} className="rf-step" data-testid={`rf-layer-${j}`}>
              <Heatmap
                data={picture.values}
                height={picture.height}
                width={picture.width}
                scale={{ kind: j === 0 ? 'gray' : 'sequential', min: 0, max: picture.max }}
                label={`${l.name}: mean |value| over channels`}
                overlays={overlays}
              />
              <figcaption className="small">
                {l.name}
                {rect && (
                  <span className="muted">
                    {' '}
                    {rect.size[0]}×{rect.size[1]}
                  </span>
                )}
              </figcaption>
            </figure>
          );
        })}
      </div>
    </div>
  );
}
