/** The choice of one FIR signal (x or h): its kind and, for the boxcar, its length L. */
import { NumberInput } from '../../studio/kernel/NumberInput.js';
import { SIGNAL_LABELS, type SignalKind, type SignalSpec } from './signalDefinition.js';

export interface SignalPickerProps {
  /** 'x' or 'h' (legend, test ids). */
  name: 'x' | 'h';
  spec: SignalSpec;
  onKind: (kind: SignalKind) => void;
  onLength: (length: number) => void;
}

/** The boxcar's length L: 1..24. */
export const MAX_BOXCAR = 24;

export function SignalPicker({ name, spec, onKind, onLength }: SignalPickerProps) {
  return (
    <fieldset className="conv-fieldset">
      <legend>{name}(n)</legend>
      <label>
        Signal{' '}
        <select
          data-testid={`fir-${name}-kind`}
          value={spec.kind}
          onChange={(e) => onKind(e.target.value as SignalKind)}
        >
          {(Object.keys(SIGNAL_LABELS) as SignalKind[]).map((k) => (
            <option key={k} value={k}>
              {SIGNAL_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {spec.kind === 'boxcar' && (
        <label>
          L{' '}
          <NumberInput
            data-testid={`fir-${name}-length`}
            aria-label={`${name}: boxcar length L`}
            value={spec.length}
            integer
            min={1}
            max={MAX_BOXCAR}
            onValue={onLength}
          />
        </label>
      )}
      {spec.kind === 'custom' && (
        <p className="conv-hint">
          Draw the stems in the figure with the mouse, or Tab to the panel: ←/→ pick a stem, ↑/↓ change it
          (Shift: finer), 0 clears it.
        </p>
      )}
    </fieldset>
  );
}
