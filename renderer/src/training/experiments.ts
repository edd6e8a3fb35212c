/**
 * The homework's two experiments as sets of runs from the form's settings: dropout (p = 0 against
 * p = 0.5: the gap between training and validation accuracy) and batch norm against the weights'
 * initial scale (σ = 1e-3, 1e-2, 1e-1, 1, each without and with batch norm).
 */
import type { TrainSettings } from '../../../preload/networkContract.js';

export interface Experiment {
  id: string;
  label: string;
  runs(base: TrainSettings): TrainSettings[];
}

export const INIT_SCALES = [1e-3, 1e-2, 1e-1, 1];

export const EXPERIMENTS: readonly Experiment[] = [
  {
    id: 'dropout',
    label: 'Dropout: p = 0 vs 0.5',
    runs: (base) => [0, 0.5].map((dropout) => ({ ...base, dropout })),
  },
  {
    id: 'bn-init',
    label: `Batch norm × init σ (${INIT_SCALES.length * 2} runs)`,
    runs: (base) =>
      [false, true].flatMap((batchNorm) =>
        INIT_SCALES.map((initScale) => ({ ...base, batchNorm, initScale })),
      ),
  },
];
