/**
 * What the network is fed: for a photo its thumbnail with the centre crop taken; then the input
 * tensor itself with the selected unit's receptive field outlined (clipped to the image; the
 * window beyond the border dashed), the conversion in words, and the effective receptive field
 * (|gradient| of the unit with respect to the input) next to it when switched on.
 */
import type { NetworkRun } from '../../../preload/networkContract.js';
import type { UnitReceptiveRect } from '../../../preload/networkTypes.js';
import { formatValue } from './mapScales.js';
import { gradientMagnitude } from './gradientMagnitude.js';
import { GrayImage } from './GrayImage.js';
import { Heatmap, type MapOverlay } from './Heatmap.js';
import { inputPicture } from './inputPicture.js';
import type { InputGradient } from './useInputGradient.js';

/** Props of FedInput. */
export interface FedInputProps {
  input: NetworkRun['input'];
  /** The selected unit's field on the input, or null with no unit selected. */
  field: UnitReceptiveRect | null;
  erf: {
    on: boolean;
    onToggle(on: boolean): void;
    /** The gradient, when it belongs to the selected unit (else a stale one while it loads). */
    result: InputGradient | null;
    current: boolean;
    busy: boolean;
    error: string | null;
    /** Why no gradient can be shown (no unit selected, or the input layer). */
    unavailable: string | null;
  };
}

/** Overlays of a receptive field on the input: the clipped rectangle (solid) and the window (dashed). */
export function inputFieldOverlays(field: UnitReceptiveRect | null, withTestId: boolean): MapOverlay[] {
  if (field === null) return [];
  const out: MapOverlay[] = [{ rect: field.unclipped, className: 'rf-window' }];
  if (field.clipped !== null)
    out.push({
      rect: field.clipped,
      className: 'rf-rect',
      testId: withTestId ? 'rf-rect-input' : undefined,
      data: withTestId ? { ...field.clipped } : undefined,
    });
  return out;
}

/** The preprocessing view. */
export function FedInput({ input, field, erf }: FedInputProps) {
  const picture = inputPicture(input.dims, input.data);
  const photo = input.photo;
  const g = erf.result ? gradientMagnitude(erf.result.gradient.dims, erf.result.gradient.data) : null;
  return (
    <div className="fed-input">
      {photo && (
        <figure className="photo-crop">
          <div
            className="photo-frame"
            style={{ aspectRatio: `${photo.thumbnail.width} / ${photo.thumbnail.height}` }}
          >
            <GrayImage
              width={photo.thumbnail.width}
              height={photo.thumbnail.height}
              pixels={photo.thumbnail.rgba}
              className="smooth"
              label={`The photo, ${photo.width}×${photo.height}`}
            />
            <div
              className="crop-rect"
              data-testid="photo-crop"
              style={{
                left: `${(photo.crop.x / photo.width) * 100}%`,
                top: `${(photo.crop.y / photo.height) * 100}%`,
                width: `${(photo.crop.width / photo.width) * 100}%`,
                height: `${(photo.crop.height / photo.height) * 100}%`,
              }}
            />
          </div>
          <figcaption className="muted small">
            Photo {photo.width}×{photo.height}, crop {photo.crop.width}×{photo.crop.height} at ({photo.crop.x}
            , {photo.crop.y})
          </figcaption>
        </figure>
      )}
      <div className="fed-pair">
        <figure>
          <Heatmap
            data={input.data}
            height={picture.height}
            width={picture.width}
            scale={picture.scale}
            rgba={picture.rgba}
            label={`The input tensor, ${input.dims.join('×')}`}
            testId="fed-input"
            overlays={inputFieldOverlays(field, true)}
          />
          <figcaption className="small">
            Input fed <span className="muted">{input.dims.join('×')}</span>
          </figcaption>
        </figure>
        {erf.on && (
          <figure>
            {g && erf.result ? (
              <Heatmap
                data={g.values}
                height={g.height}
                width={g.width}
                scale={{ kind: 'sequential', min: 0, max: g.max }}
                label="Effective receptive field: |gradient of the unit| on the input"
                testId="erf-map"
                className={erf.current ? '' : 'stale'}
                overlays={inputFieldOverlays(field, false)}
              />
            ) : (
              <div className="heatmap-placeholder muted small" data-testid="erf-placeholder">
                {erf.unavailable ?? (erf.busy ? 'Computing…' : '')}
              </div>
            )}
            <figcaption className="small">
              |∂unit/∂input|{' '}
              <span className="muted" data-testid="erf-stats">
                {g ? (g.max > 0 ? `max ${formatValue(g.max)}, ${g.nonZero} px ≠ 0` : '0 everywhere') : ''}
              </span>
            </figcaption>
          </figure>
        )}
      </div>
      {erf.on && g !== null && g.max === 0 && erf.current && (
        <p className="muted small">
          The gradient is 0 everywhere: this unit is inactive here (a ReLU or max pool passes no change to
          it).
        </p>
      )}
      <label className="check">
        <input
          type="checkbox"
          data-testid="erf-toggle"
          checked={erf.on}
          onChange={(e) => erf.onToggle(e.target.checked)}
        />
        Effective receptive field (gradient)
      </label>
      {erf.on && erf.error && (
        <p className="error-text small" role="alert">
          {erf.error}
        </p>
      )}
      <p className="conversion small" data-testid="input-conversion">
        {input.conversion}
      </p>
    </div>
  );
}
