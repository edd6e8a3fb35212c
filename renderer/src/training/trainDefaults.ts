/**
 * The training form's defaults (those the shipped network was trained with; the back end's
 * trainSettings.ts holds the same numbers), the init-scale slider's log mapping, and a run's
 * settings in one line for cards and legends.
 */
import type { TrainSettings } from '../../../preload/networkContract.js';

export const DEFAULT_SETTINGS: Readonly<TrainSettings> = Object.freeze({
  epochs: 12,
  optimizer: 'adam',
  learningRate: 0.01,
  momentum: 0.9,
  weightDecay: 0.001,
  lrDecay: 0.8,
  batchSize: 64,
  batchNorm: true,
  dropout: 0.3,
  initScale: null,
  seed: 1,
});

/** The init-scale slider runs over log10 of the std, from 1e-3 to 1. */
export const INIT_SCALE_LOG_MIN = -3;
export const INIT_SCALE_LOG_MAX = 0;

/** The std at slider position `log` (log10), rounded to 3 significant digits. */
export function initScaleFromLog(log: number): number {
  const clamped = Math.min(INIT_SCALE_LOG_MAX, Math.max(INIT_SCALE_LOG_MIN, log));
  return Number((10 ** clamped).toPrecision(3));
}

/** The slider position of a std. */
export function logFromInitScale(scale: number): number {
  if (!(scale > 0)) return INIT_SCALE_LOG_MIN;
  return Math.min(INIT_SCALE_LOG_MAX, Math.max(INIT_SCALE_LOG_MIN, Math.log10(scale)));
}

/** A number for summaries: 0.001 stays readable, 1e-5 becomes 1e-5. */
function short(v: number): string {
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(0);
  return String(Number(v.toPrecision(3)));
}

/** e.g. 'Adam lr 0.01 ×0.8/epoch · BN · dropout 0.3 · He init · wd 0.001 · batch 64 · 12 epochs · seed 1'. */
export function settingsSummary(s: TrainSettings): string {
  const parts = [
    s.optimizer === 'adam'
      ? `Adam lr ${short(s.learningRate)}`
      : `SGD lr ${short(s.learningRate)} m ${short(s.momentum)}`,
  ];
  if (s.lrDecay !== 1) parts[0] += ` ×${short(s.lrDecay)}/epoch`;
  parts.push(s.batchNorm ? 'BN' : 'no BN');
  parts.push(s.dropout > 0 ? `dropout ${short(s.dropout)}` : 'no dropout');
  parts.push(s.initScale === null ? 'He init' : `init σ ${short(s.initScale)}`);
  if (s.weightDecay > 0) parts.push(`wd ${short(s.weightDecay)}`);
  parts.push(`batch ${s.batchSize}`, `${s.epochs} epoch${s.epochs === 1 ? '' : 's'}`, `seed ${s.seed}`);
  return parts.join(' · ');
}

/** What differs from `base`, for short legend labels ('dropout 0.5', 'no BN, init σ 0.01'). */
export function settingsDifference(s: TrainSettings, base: TrainSettings): string {
  const all = settingsSummary(s).split(' · ');
  const ref = new Set(settingsSummary(base).split(' · '));
  const diff = all.filter((p) => !ref.has(p));
  return diff.length === 0 ? 'same settings' : diff.join(', ');
}
