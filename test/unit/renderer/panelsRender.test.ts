import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PreviewResult } from '../../../preload/contract.js';

// Rendered to static markup (no DOM needed): checks the panels render and carry the test ids the
// end-to-end tests use. The api module reads window.convscope at import, so a stub stands in.
beforeAll(() => {
  Object.assign(globalThis, { window: { convscope: {} } });
});

const draft = {
  kernel: [
    [-1, 0, 1],
    [-2, 0, 2],
    [-1, 0, 1],
  ],
  kernelY: [
    [-1, -2, -1],
    [0, 0, 0],
    [1, 2, 1],
  ],
};

describe('panels', () => {
  it('render the kernel editor with every control', async () => {
    const { KernelPanel } = await import('../../../renderer/src/studio/kernel/index.js');
    const html = renderToStaticMarkup(createElement(KernelPanel, { draft, onChange: () => undefined }));
    for (const id of [
      'preset-select',
      'kernel-grid',
      'kernel-cell-0-0',
      'kernel-cell-2-2',
      'kernel-rows',
      'kernel-cols',
      'normalize',
      'scale',
      'offset',
      'mode-select',
      'border-select',
      'mapping-select',
      'channels-select',
      'gradient-toggle',
      'kernel-y-grid',
      'kernel-y-cell-1-1',
      'save-kernel',
      'load-kernel-input',
    ])
      expect(html).toContain(`data-testid="${id}"`);
  });

  it('render the analysis with and without a preview', async () => {
    const { AnalysisPanel } = await import('../../../renderer/src/studio/analysis/index.js');
    const none = renderToStaticMarkup(createElement(AnalysisPanel, { draft, preview: null }));
    expect(none).toContain('data-testid="frequency-response"');
    expect(none).toContain('rank 1: column ⊗ row');
    const histogram = new Array<number>(256).fill(1);
    const preview: PreviewResult = {
      width: 1,
      height: 1,
      rgba: new Uint8Array(4),
      min: -255,
      max: 255,
      histogram,
      values: new Float32Array(1),
    };
    const html = renderToStaticMarkup(createElement(AnalysisPanel, { draft, preview }));
    for (const id of ['histogram', 'diverging-legend', 'frequency-response', 'separability'])
      expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('clamped away: 50.0%');
  });
});
