/** The presets menu and the chosen preset's parameter sliders. */
import { useId } from 'react';
import { NumberInput } from './NumberInput.js';
import { clampPresetParam } from './presetParams.js';
import type { PresetSelection } from './usePresetSelection.js';
import type { PresetInfo, PresetParam } from './types.js';

/** PresetControls' props. */
export interface PresetControlsProps {
  presets: PresetInfo[] | null;
  loadError: string | null;
  selection: PresetSelection;
}

function ParamControl({
  param,
  value,
  onValue,
}: {
  param: PresetParam;
  value: number;
  onValue: (v: number) => void;
}) {
  const id = useId();
  return (
    <div className="cs-row">
      <label htmlFor={id}>{param.label}</label>
      <input
        id={id}
        type="range"
        min={param.min}
        max={param.max}
        step={param.step}
        value={value}
        data-testid={`param-${param.name}-slider`}
        onChange={(e) => {
          const v = clampPresetParam(param, e.target.valueAsNumber);
          if (v !== null) onValue(v);
        }}
      />
      <NumberInput
        value={value}
        onValue={onValue}
        min={param.min}
        max={param.max}
        integer={param.integer}
        step={param.step}
        aria-label={`${param.label} value`}
        data-testid={`param-${param.name}`}
      />
    </div>
  );
}

/** The preset dropdown ("Custom" when the kernel is the user's own) and its sliders. */
export function PresetControls({ presets, loadError, selection }: PresetControlsProps) {
  const id = useId();
  const descriptionId = useId();
  const { preset } = selection;
  return (
    <fieldset>
      <legend>Preset</legend>
      <div className="cs-row">
        <label htmlFor={id}>Preset</label>
        <select
          id={id}
          data-testid="preset-select"
          value={preset?.id ?? ''}
          disabled={presets === null}
          aria-describedby={preset ? descriptionId : undefined}
          onChange={(e) => selection.select(presets?.find((p) => p.id === e.target.value) ?? null)}
        >
          <option value="">{presets === null && !loadError ? 'Loading presets…' : 'Custom kernel'}</option>
          {presets?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      {preset && (
        <p id={descriptionId} className="cs-hint">
          {preset.description}
        </p>
      )}
      {preset?.params.map((p) => (
        <ParamControl
          key={`${preset.id}-${p.name}`}
          param={p}
          value={selection.params[p.name] ?? p.default}
          onValue={(v) => selection.setParam(p.name, v)}
        />
      ))}
      {(loadError ?? selection.error) && (
        <p role="alert" className="cs-error" data-testid="preset-error">
          {loadError ?? selection.error}
        </p>
      )}
    </fieldset>
  );
}
