/** Everything about the filter besides the weights: normalisation, scale, offset and the menus. */
import { useId } from 'react';
import { NumberInput } from './NumberInput.js';
import { SelectField } from './SelectField.js';
import { BORDER_MODES, CHANNEL_MODES, FILTER_MODES, OUTPUT_MAPPINGS } from './kernelFileDefaults.js';
import { BORDER_LABELS, CHANNEL_LABELS, MAPPING_LABELS, MODE_LABELS } from './optionLabels.js';
import type { DraftEditOptions } from './useFilterDraft.js';
import type { CompleteKernelFile } from './types.js';

/** KernelOptions' props. */
export interface KernelOptionsProps {
  file: CompleteKernelFile;
  onChange: (next: CompleteKernelFile, options?: DraftEditOptions) => void;
}

function sum(grid: number[][]): { sum: number; absSum: number } {
  let s = 0;
  let a = 0;
  for (const row of grid)
    for (const v of row) {
      s += v;
      a += Math.abs(v);
    }
  return { sum: s, absSum: a };
}

/** The option controls of a kernel file. */
export function KernelOptions({ file, onChange }: KernelOptionsProps) {
  const normalizeId = useId();
  const scaleId = useId();
  const offsetId = useId();
  const hintId = useId();
  const { sum: kernelSum, absSum } = sum(file.kernel);
  // The back end's rule (effectiveScale): a sum within 1e-6 of the absolute sum counts as zero.
  const zeroSum = Math.abs(kernelSum) <= 1e-6 * absSum;
  const scaleUsed = !file.normalize || zeroSum;
  return (
    <fieldset>
      <legend>Options</legend>
      <div className="cs-row">
        <label htmlFor={normalizeId}>
          <input
            id={normalizeId}
            type="checkbox"
            data-testid="normalize"
            checked={file.normalize}
            aria-describedby={hintId}
            onChange={(e) => onChange({ ...file, normalize: e.target.checked })}
          />
          Normalize (divide by the sum)
        </label>
        <label htmlFor={scaleId}>
          Scale
          <NumberInput
            id={scaleId}
            data-testid="scale"
            value={file.scale}
            aria-describedby={hintId}
            onValue={(scale) => onChange({ ...file, scale }, { merge: true, source: 'scale' })}
          />
        </label>
        <label htmlFor={offsetId}>
          Offset
          <NumberInput
            id={offsetId}
            data-testid="offset"
            value={file.offset}
            onValue={(offset) => onChange({ ...file, offset }, { merge: true, source: 'offset' })}
          />
        </label>
      </div>
      <p id={hintId} className="cs-hint">
        Kernel sum {Number(kernelSum.toPrecision(6))}
        {scaleUsed
          ? file.normalize
            ? ': zero, so the scale is used instead of normalising.'
            : '; values are multiplied by the scale.'
          : ': values are divided by it; the scale is not used.'}
      </p>
      <div className="cs-row">
        <SelectField
          label="Mode"
          testId="mode-select"
          value={file.mode}
          options={FILTER_MODES}
          labels={MODE_LABELS}
          onValue={(mode) => onChange({ ...file, mode })}
        />
        <SelectField
          label="Border"
          testId="border-select"
          value={file.border}
          options={BORDER_MODES}
          labels={BORDER_LABELS}
          onValue={(border) => onChange({ ...file, border })}
        />
        <SelectField
          label="Output mapping"
          testId="mapping-select"
          value={file.mapping}
          options={OUTPUT_MAPPINGS}
          labels={MAPPING_LABELS}
          onValue={(mapping) => onChange({ ...file, mapping })}
        />
        <SelectField
          label="Channels"
          testId="channels-select"
          value={file.channels}
          options={CHANNEL_MODES}
          labels={CHANNEL_LABELS}
          onValue={(channels) => onChange({ ...file, channels })}
        />
      </div>
    </fieldset>
  );
}
