/**
 * The training settings: architecture switches (batch norm, dropout p), initialisation (He or a
 * fixed std on a log slider from 1e-3 to 1), the optimizer and its numbers, batch size, epochs and
 * seed. Values out of range are never reported (NumberInput keeps the last good one).
 */
import { useId } from 'react';

import type { TrainSettings } from '../../../preload/networkContract.js';
import { NumberInput } from '../studio/kernel/NumberInput.js';
import {
  INIT_SCALE_LOG_MAX,
  INIT_SCALE_LOG_MIN,
  initScaleFromLog,
  logFromInitScale,
} from './trainDefaults.js';

/** Props of TrainSettingsForm. */
export interface TrainSettingsFormProps {
  settings: TrainSettings;
  onChange(settings: TrainSettings): void;
}

/** The form. */
export function TrainSettingsForm({ settings, onChange }: TrainSettingsFormProps) {
  const id = useId();
  const set = <K extends keyof TrainSettings>(key: K, value: TrainSettings[K]) =>
    onChange({ ...settings, [key]: value });
  const he = settings.initScale === null;
  const initLog = logFromInitScale(settings.initScale ?? 0.01);
  return (
    <div className="train-form">
      <fieldset>
        <legend>Network</legend>
        <label className="check">
          <input
            type="checkbox"
            data-testid="train-batchnorm"
            checked={settings.batchNorm}
            onChange={(e) => set('batchNorm', e.target.checked)}
          />
          Batch norm after each conv
        </label>
        <label className="slider-field" htmlFor={`${id}-dropout`}>
          <span>Dropout p</span>
          <input
            id={`${id}-dropout`}
            type="range"
            min={0}
            max={0.9}
            step={0.05}
            data-testid="train-dropout"
            value={settings.dropout}
            onChange={(e) => set('dropout', Number(e.target.value))}
          />
          <output className="mono">{settings.dropout.toFixed(2)}</output>
        </label>
      </fieldset>
      <fieldset>
        <legend>Initialisation</legend>
        <div className="radio-row">
          <label className="check">
            <input
              type="radio"
              name={`${id}-init`}
              checked={he}
              onChange={() => set('initScale', null)}
              data-testid="train-init-he"
            />
            He (√(2 / fan-in))
          </label>
          <label className="check">
            <input
              type="radio"
              name={`${id}-init`}
              checked={!he}
              onChange={() => set('initScale', initScaleFromLog(initLog))}
              data-testid="train-init-fixed"
            />
            N(0, σ²)
          </label>
        </div>
        <label className="slider-field" htmlFor={`${id}-scale`}>
          <span>σ (log)</span>
          <input
            id={`${id}-scale`}
            type="range"
            min={INIT_SCALE_LOG_MIN}
            max={INIT_SCALE_LOG_MAX}
            step={0.05}
            disabled={he}
            data-testid="train-init-scale"
            aria-valuetext={he ? 'He initialisation' : `σ = ${settings.initScale}`}
            value={initLog}
            onChange={(e) => set('initScale', initScaleFromLog(Number(e.target.value)))}
          />
          <output className="mono">{he ? 'He' : settings.initScale}</output>
        </label>
      </fieldset>
      <fieldset>
        <legend>Optimizer</legend>
        <div className="form-grid">
          <label htmlFor={`${id}-opt`}>Optimizer</label>
          <select
            id={`${id}-opt`}
            data-testid="train-optimizer"
            value={settings.optimizer}
            onChange={(e) => set('optimizer', e.target.value === 'sgd' ? 'sgd' : 'adam')}
          >
            <option value="adam">Adam</option>
            <option value="sgd">SGD with momentum</option>
          </select>
          <label htmlFor={`${id}-lr`}>Learning rate</label>
          <NumberInput
            id={`${id}-lr`}
            data-testid="train-lr"
            value={settings.learningRate}
            min={1e-6}
            max={10}
            step={0.001}
            onValue={(v) => set('learningRate', v)}
          />
          <label htmlFor={`${id}-mom`}>Momentum</label>
          <NumberInput
            id={`${id}-mom`}
            data-testid="train-momentum"
            value={settings.momentum}
            min={0}
            max={0.999}
            step={0.05}
            disabled={settings.optimizer !== 'sgd'}
            title={settings.optimizer !== 'sgd' ? 'SGD only' : undefined}
            onValue={(v) => set('momentum', v)}
          />
          <label htmlFor={`${id}-wd`}>Weight decay</label>
          <NumberInput
            id={`${id}-wd`}
            data-testid="train-wd"
            value={settings.weightDecay}
            min={0}
            max={1}
            step={0.0005}
            onValue={(v) => set('weightDecay', v)}
          />
          <label htmlFor={`${id}-decay`} title="The learning rate is multiplied by this after every epoch">
            LR decay / epoch
          </label>
          <NumberInput
            id={`${id}-decay`}
            data-testid="train-lr-decay"
            value={settings.lrDecay}
            min={0.01}
            max={1}
            step={0.05}
            onValue={(v) => set('lrDecay', v)}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>Schedule</legend>
        <div className="form-grid">
          <label htmlFor={`${id}-batch`}>Batch size</label>
          <NumberInput
            id={`${id}-batch`}
            data-testid="train-batch"
            value={settings.batchSize}
            min={1}
            max={8000}
            integer
            onValue={(v) => set('batchSize', v)}
          />
          <label htmlFor={`${id}-epochs`}>Epochs</label>
          <NumberInput
            id={`${id}-epochs`}
            data-testid="train-epochs"
            value={settings.epochs}
            min={1}
            max={200}
            integer
            onValue={(v) => set('epochs', v)}
          />
          <label htmlFor={`${id}-seed`}>Seed</label>
          <NumberInput
            id={`${id}-seed`}
            data-testid="train-seed"
            value={settings.seed}
            min={0}
            max={4294967295}
            integer
            onValue={(v) => set('seed', v)}
          />
        </div>
      </fieldset>
    </div>
  );
}
