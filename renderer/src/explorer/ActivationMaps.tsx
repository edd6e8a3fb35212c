/**
 * The shown layer's values: one heatmap per channel with its value range for maps (N×C×H×W), a
 * strip or bars for vectors. Hovering or clicking a unit selects it; a selected unit of a later
 * layer has its receptive field outlined on every map here.
 */
import { useMemo } from 'react';

import type { LayerInfo, Rect } from '../../../preload/networkTypes.js';
import type { ColorScale } from './colorScale.js';
import { Heatmap, type MapOverlay } from './Heatmap.js';
import { fitGrid } from './fitGrid.js';
import {
  asLayerScale,
  channelRanges,
  formatValue,
  mapScale,
  type ScaleMode,
  type ValueRange,
} from './mapScales.js';
import { layerPlanes, type UnitRef } from './receptiveRects.js';
import { VectorView } from './VectorView.js';

/** Props of ActivationMaps. */
export interface ActivationMapsProps {
  layer: LayerInfo;
  values: { dims: number[]; data: Float32Array; min: number; max: number };
  mode: ScaleMode;
  /** The range over every layer of the run (global mode). */
  all: ValueRange;
  /** The selected unit when it is on this layer. */
  unit: UnitRef | null;
  /** A later unit's field on this layer (clipped rectangle and window). */
  field: { clipped: Rect | null; unclipped: Rect } | null;
  /** Names of the outputs, for a classifier's last layer. */
  classes: string[] | null;
  /** The space the maps may fill (they are sized to fit it without scrolling where they can). */
  area: { width: number; height: number };
  onHover(unit: UnitRef | null): void;
  onPick(unit: UnitRef): void;
}

/** Map grid spacing and the caption line under each map, px. */
const GAP = 10;
const CAPTION = 22;

/** The layer's maps or vector. */
export function ActivationMaps(props: ActivationMapsProps) {
  const { layer, values, mode, all, unit, field, area, onHover, onPick } = props;
  const { channels, height, width } = layerPlanes(layer);
  const plane = height * width;
  const ranges = useMemo(() => channelRanges(values.data, channels, plane), [values.data, channels, plane]);
  const layerRange = { min: values.min, max: values.max };

  if (layer.dims.length !== 4)
    return (
      <VectorView
        layer={layer}
        data={values.data}
        scale={mapScale(mode === 'map' ? 'layer' : mode, layerRange, layerRange, all)}
        range={layerRange}
        unit={unit}
        field={field}
        classes={props.classes}
        onHover={onHover}
        onPick={onPick}
      />
    );

  const overlays = (c: number): MapOverlay[] => {
    const out: MapOverlay[] = [];
    if (field !== null) {
      out.push({ rect: field.unclipped, className: 'rf-window' });
      if (field.clipped !== null)
        out.push({ rect: field.clipped, className: 'rf-rect', data: { ...field.clipped } });
    }
    if (unit !== null) {
      const cell = { top: unit.y, left: unit.x, bottom: unit.y, right: unit.x };
      out.push({ rect: cell, className: unit.channel === c ? 'unit-cell' : 'unit-cell other' });
    }
    return out;
  };

  return (
    <div className="activation-grid" style={gridStyle(channels, area)}>
      {ranges.map((range, c) => {
        const scale: ColorScale = asLayerScale(layer.op, mapScale(mode, range, layerRange, all));
        return (
          <figure key={c} className="activation-card">
            <Heatmap
              data={values.data}
              offset={c * plane}
              height={height}
              width={width}
              scale={scale}
              label={`${layer.name} channel ${c}, values ${formatValue(range.min)} to ${formatValue(range.max)}`}
              testId={`activation-map-${c}`}
              overlays={overlays(c)}
              cursor={unit !== null && unit.channel === c ? { y: unit.y, x: unit.x } : null}
              onHover={(u) => onHover(u && { layer: layer.index, channel: c, ...u })}
              onCursor={(u) => onHover(u && { layer: layer.index, channel: c, ...u })}
              onPick={(u) => onPick({ layer: layer.index, channel: c, ...u })}
            />
            <figcaption className="small">
              <span>c{c}</span>
              <span className="muted range" data-testid={`activation-range-${c}`}>
                {formatValue(range.min)} … {formatValue(range.max)}
              </span>
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}

/** Columns of maps of one side that fit the area (see fitGrid). */
function gridStyle(channels: number, area: { width: number; height: number }) {
  if (area.width <= 0) return undefined;
  const { cols, side } = fitGrid(channels, area.width, area.height, {
    gap: GAP,
    caption: CAPTION,
    cap: 220,
    min: 72,
  });
  return { gridTemplateColumns: `repeat(${cols}, ${side}px)` };
}
