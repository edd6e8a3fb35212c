/** Prev / Next through the layers, with the shown layer's position, op, name and dims. */
import type { LayerInfo } from '../../../preload/networkTypes.js';
import { layerLabel } from './layerLabel.js';

/** Props of LayerStepper. */
export interface LayerStepperProps {
  layers: readonly LayerInfo[];
  index: number;
  onIndex(index: number): void;
}

/** The stepper. */
export function LayerStepper({ layers, index, onIndex }: LayerStepperProps) {
  const layer = layers[index];
  return (
    <div className="layer-stepper">
      <button
        type="button"
        data-testid="layer-prev"
        disabled={index <= 0}
        onClick={() => onIndex(index - 1)}
        aria-label="Previous layer"
        title="Previous layer (← or [)"
      >
        ‹ Prev
      </button>
      <span className="layer-name" data-testid="layer-name" aria-live="polite">
        {layer ? layerLabel(layer, layers.length) : '…'}
      </span>
      <button
        type="button"
        data-testid="layer-next"
        disabled={index >= layers.length - 1}
        onClick={() => onIndex(index + 1)}
        aria-label="Next layer"
        title="Next layer (→ or ])"
      >
        Next ›
      </button>
    </div>
  );
}
