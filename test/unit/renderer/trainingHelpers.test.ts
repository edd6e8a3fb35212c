import { describe, expect, it } from 'vitest';
import { accuracyGap, batchLossSeries, epochSeries } from '../../../renderer/src/training/runCurves.js';
import {
  DEFAULT_SETTINGS,
  initScaleFromLog,
  logFromInitScale,
  settingsDifference,
  settingsSummary,
} from '../../../renderer/src/training/trainDefaults.js';

describe('training panel helpers', () => {
  it('maps the init-scale slider logarithmically over 1e-3 .. 1', () => {
    expect(initScaleFromLog(-3)).toBe(0.001);
    expect(initScaleFromLog(0)).toBe(1);
    expect(initScaleFromLog(-1.5)).toBe(0.0316);
    expect(initScaleFromLog(-9)).toBe(0.001);
    expect(logFromInitScale(0.01)).toBeCloseTo(-2);
    expect(logFromInitScale(0)).toBe(-3);
  });

  it('summarises settings and names what differs', () => {
    expect(settingsSummary(DEFAULT_SETTINGS)).toBe(
      'Adam lr 0.01 ×0.8/epoch · BN · dropout 0.3 · He init · wd 0.001 · batch 64 · 12 epochs · seed 1',
    );
    expect(settingsDifference({ ...DEFAULT_SETTINGS, dropout: 0, initScale: 0.01 }, DEFAULT_SETTINGS)).toBe(
      'no dropout, init σ 0.01',
    );
    expect(settingsDifference(DEFAULT_SETTINGS, DEFAULT_SETTINGS)).toBe('same settings');
  });

  it('draws the batch-loss history at its epochs, leaving out non-finite losses', () => {
    const points = batchLossSeries([
      { x: 0.2, loss: 0.9, batches: 25 },
      { x: 0.4, loss: Number.NaN, batches: 25 },
      { x: 2, loss: 0.2, batches: 25 },
    ]);
    expect(points).toEqual([
      { x: 0.2, y: 0.9 },
      { x: 2, y: 0.2 },
    ]);
  });

  it('turns epochs into series and the last train-validation gap', () => {
    const epochs = [
      {
        epoch: 1,
        trainLoss: 1,
        trainAccuracy: 0.9,
        testLoss: 0.5,
        testAccuracy: 0.95,
        learningRate: 0.01,
        seconds: 1,
      },
      {
        epoch: 2,
        trainLoss: 0.5,
        trainAccuracy: 0.99,
        testLoss: 0.4,
        testAccuracy: 0.97,
        learningRate: 0.008,
        seconds: 2,
      },
    ];
    const s = epochSeries(epochs);
    expect(s.testAccuracy).toEqual([
      { x: 1, y: 95 },
      { x: 2, y: 97 },
    ]);
    expect(accuracyGap(epochs)).toBeCloseTo(2);
    expect(accuracyGap([])).toBeNull();
  });
});
