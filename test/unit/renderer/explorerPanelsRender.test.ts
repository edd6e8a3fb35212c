import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainStatus } from '../../../preload/networkContract.js';

// Rendered to static markup (no DOM): the explorer's and training's panels render from plain data
// and carry the test ids the end-to-end tests use. The api module reads window.convscope at
// import, so a stub stands in.
beforeAll(() => {
  Object.assign(globalThis, { window: { convscope: {} } });
});

describe('explorer and training panels', () => {
  it('class probabilities: one bar per class with its percentage, the best marked', async () => {
    const { ClassProbabilities, percentText } =
      await import('../../../renderer/src/explorer/ClassProbabilities.js');
    const p = [0.01, 0.9, 0.00001, 0.08999, 0, 0, 0, 0, 0, 0];
    const html = renderToStaticMarkup(createElement(ClassProbabilities, { probabilities: p, classes: null }));
    expect(html).toContain('data-testid="class-probabilities"');
    expect(html.match(/data-testid="class-prob-\d"/g)).toHaveLength(10);
    expect(html).toContain('90.0 %');
    expect(html).toMatch(/class="prob-row best"[^>]*data-testid="class-prob-1"/);
    expect(percentText(0.00001)).toBe('<0.1');
    expect(percentText(0)).toBe('0.0');
  });

  it('a run card shows its state, best epoch, curves and the actions its state allows', async () => {
    const { RunCard } = await import('../../../renderer/src/training/RunCard.js');
    const { DEFAULT_SETTINGS } = await import('../../../renderer/src/training/trainDefaults.js');
    const status: TrainStatus = {
      taskId: 'train-1',
      progress: { state: 'running', stage: 'training', done: 1, total: 2 },
      settings: { ...DEFAULT_SETTINGS, epochs: 2 },
      batchLoss: [{ x: 0.5, loss: 0.7, batches: 60 }],
      epochs: [
        {
          epoch: 1,
          trainLoss: 0.6,
          trainAccuracy: 0.8,
          testLoss: 0.2,
          testAccuracy: 0.945,
          learningRate: 0.01,
          seconds: 3,
        },
      ],
      batch: { epoch: 2, batch: 10, batches: 125, loss: 0.3 },
      best: { epoch: 1, testAccuracy: 0.945 },
      modelId: null,
    };
    const run = {
      n: 3,
      taskId: 'train-1',
      settings: status.settings,
      state: 'running' as const,
      status,
      batchLoss: [{ x: 1.08, y: 0.3 }],
      error: null,
      cancelling: false,
    };
    const noop = () => undefined;
    const props = { run, shell: 'browser' as const, onCancel: noop, onRemove: noop, onOpen: noop };
    const html = renderToStaticMarkup(createElement(RunCard, props));
    for (const id of ['train-run-3', 'train-state-3', 'train-cancel-3', 'train-curves-3', 'train-best-3'])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('Best: epoch 1, 94.50 % validation accuracy');
    expect(html).toContain('batch 10 / 125');
    expect(html).not.toContain('train-open-3');
    const done = renderToStaticMarkup(
      createElement(RunCard, {
        ...props,
        run: { ...run, state: 'done', status: { ...status, modelId: 'm1', batch: null } },
      }),
    );
    expect(done).toContain('data-testid="train-open-3"');
    expect(done).not.toContain('train-cancel-3');
    const failed = renderToStaticMarkup(
      createElement(RunCard, { ...props, run: { ...run, state: 'failed', error: 'out of memory' } }),
    );
    expect(failed).toContain('out of memory');
  });

  it('the settings form has every control', async () => {
    const { TrainSettingsForm } = await import('../../../renderer/src/training/TrainSettingsForm.js');
    const { DEFAULT_SETTINGS } = await import('../../../renderer/src/training/trainDefaults.js');
    const html = renderToStaticMarkup(
      createElement(TrainSettingsForm, { settings: DEFAULT_SETTINGS, onChange: () => undefined }),
    );
    for (const id of [
      'train-batchnorm',
      'train-dropout',
      'train-init-he',
      'train-init-fixed',
      'train-init-scale',
      'train-optimizer',
      'train-lr',
      'train-momentum',
      'train-wd',
      'train-lr-decay',
      'train-batch',
      'train-epochs',
      'train-seed',
    ])
      expect(html).toContain(`data-testid="${id}"`);
  });
});
