// The convolution instruments' figures rendered to static markup (no DOM): the FIR views draw
// the stems and numbers they are given (kernel and closed form side by side, the flip-and-drag sum,
// the shift's difference), and the 2-D figure marks the window, the current cell, the products and
// the output size formula. Both instruments are listed in the lab and mount.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2d } from '../../../native-kernels/reference/index.js';
import { HOMEWORK_CONV_CASES } from '../../helpers/homeworkConvolution.js';

// The api module reads window.convscope at import; a stub stands in.
beforeAll(() => {
  Object.assign(globalThis, { window: { convscope: {} } });
});

async function firSetup(view: 'convolution' | 'flip' | 'shift') {
  const { FirFigure } = await import('../../../renderer/src/lab/convolution/FirFigure.js');
  const { firFigureData } = await import('../../../renderer/src/lab/convolution/firFigureData.js');
  const { firKernelPlan } = await import('../../../renderer/src/lab/convolution/firKernelPlan.js');
  const { flipAndDrag } = await import('../../../renderer/src/lab/convolution/flipAndDrag.js');
  const { signalDefinition } = await import('../../../renderer/src/lab/convolution/signalDefinition.js');
  const x = { kind: 'boxcar' as const, length: 7, custom: {} };
  const h = { kind: 'halfPower' as const, length: 1, custom: {} };
  const plan = firKernelPlan(signalDefinition(x), signalDefinition(h), [-6, 12], 5);
  if (plan.request.op !== 'conv2d') throw new Error('conv2d expected');
  const y = conv2d(plan.request.x, plan.request.w, null, plan.request.options).data;
  const data = firFigureData({ x, h, window: [-6, 12], shift: 5 }, plan, y);
  const flip = flipAndDrag(signalDefinition(x), signalDefinition(h), 4);
  return renderToStaticMarkup(
    createElement(FirFigure, {
      view,
      data,
      window: [-6, 12],
      xLabel: 'boxcar, L = 7',
      hLabel: '(1/2)^n u(n)',
      shift: 5,
      flip,
      flippedH: data.ns.map((k) => ({ n: k, v: signalDefinition(h).at(4 - k) })),
      flipKernel: y[4 - plan.yStart],
      onPickN: () => undefined,
    }),
  );
}

describe('FirFigure', () => {
  it('draws x, h and y with the closed form as rings, 19 stems each', async () => {
    const html = await firSetup('convolution');
    expect(html).toContain('data-testid="fir-figure"');
    for (const series of ['x', 'h', 'y', 'closed form'])
      expect(html.match(new RegExp(`data-series="${series}"`, 'g'))).toHaveLength(1);
    expect(html.match(/data-n="/g)).toHaveLength(4 * 19);
    // The closed form rings the kernel's dots (no stems, no fill), so both stay visible.
    const closedSeries = html.slice(html.indexOf('data-series="closed form"'));
    expect(closedSeries.match(/r="6.5" fill="none"/g)).toHaveLength(19);
    expect(closedSeries).not.toContain('stroke="#7b3294" stroke-width="1.25"');
    // y(4) = 2 − 1/16 and y(7) = 1 − 1/128 are drawn at their values.
    expect(html).toContain('data-n="4" data-v="1.9375"');
    expect(html).toContain(`data-n="7" data-v="${Math.fround(1 - 1 / 128)}"`);
  });

  it('writes out the flip-and-drag sum for n = 4 and the kernel beside it', async () => {
    const html = await firSetup('flip');
    expect(html).toContain('y(4) = 1.9375');
    expect(html).toContain('1·0.0625 + 1·0.125 + 1·0.25 + 1·0.5 + 1·1 = 1.9375');
    expect(html).toContain('the kernel&#x27;s y(4) = 1.9375');
    // h(4 − k) is drawn at every k, also where x is 0: h(0) = 1 sits at k = 4, h(−1) = 0 at k = 5.
    expect(html).toMatch(/data-series="h\(4 − k\)".*data-n="4" data-v="1"/);
    expect(html).toMatch(/data-series="h\(4 − k\)".*data-n="-3" data-v="0.0078125"/);
  });

  it('shows x2 and y2 and a zero difference for the shift', async () => {
    const html = await firSetup('shift');
    expect(html).toContain('x₂(n) = x(n − 5)');
    expect(html).toContain('largest |difference| 0');
    expect(html).toContain('data-series="difference"');
  });
});

describe('Conv2dFigure', () => {
  it('marks the window and cell of y[1, 2] for 2(d) ii and fills in the shape formula', async () => {
    const { Conv2dFigure } = await import('../../../renderer/src/lab/convolution/Conv2dFigure.js');
    const { paddedInput } = await import('../../../renderer/src/lab/convolution/paddedInput.js');
    const { appliedKernel, outputCellProducts } =
      await import('../../../renderer/src/lab/convolution/outputCellProducts.js');
    const { outputSizeFormula } = await import('../../../renderer/src/lab/convolution/outputSizeFormula.js');
    const { HOMEWORK_X, HOMEWORK_H } =
      await import('../../../renderer/src/lab/convolution/homeworkConv2d.js');
    const expected = HOMEWORK_CONV_CASES.find((c) => c.name.includes('stride 2'))!.expected;
    const padded = paddedInput(HOMEWORK_X, 1, 'zeros');
    const cell = outputCellProducts(padded, HOMEWORK_H, { stride: 2, dilation: 1, flip: true }, 1, 2);
    const html = renderToStaticMarkup(
      createElement(Conv2dFigure, {
        padded,
        inputRows: 5,
        inputCols: 5,
        applied: appliedKernel(HOMEWORK_H, true),
        flip: true,
        modeLabel: 'zeros',
        dilation: 1,
        output: expected,
        cell,
        onCell: () => undefined,
        heightFormula: outputSizeFormula(5, 3, 2, 1, 1),
        widthFormula: outputSizeFormula(5, 3, 2, 1, 1),
      }),
    );
    expect(html).toContain('x padded: 7 × 7 (P = 1, zeros)');
    expect(html).toContain('h rotated 180°');
    expect(html).toMatch(/data-testid="conv-out-1-2"[^>]*>−30</);
    expect(html).toMatch(/data-testid="conv-sum"[^>]*>−30</);
    expect(html).toContain('floor((5 + 2·1 − 1·(3−1) − 1)/2) + 1 = floor(4/2) + 1 = 2 + 1 = 3');
    expect(html).toContain('✓ the kernel&#x27;s output is 3 × 3');
    // The window of y[1, 2] starts at padded (2, 4) and is 3 × 3 cells.
    const win = /<rect data-testid="conv-window" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"/.exec(html)!;
    const cs = Number(win[3]) / 3;
    expect([(Number(win[1]) - 12) / cs, (Number(win[2]) - 34) / cs]).toEqual([4, 2]);
  });
});

describe('the lab', () => {
  it('lists both instruments with their homework questions, and they mount', async () => {
    const { convolutionInstruments } =
      await import('../../../renderer/src/lab/instruments/convolutionInstruments.js');
    expect(convolutionInstruments.map((i) => [i.id, i.question])).toEqual([
      ['fir', '2(a), 2(b)'],
      ['conv2d', '2(c), 2(d)'],
    ]);
    for (const i of convolutionInstruments) {
      const html = renderToStaticMarkup(createElement(i.component));
      expect(html).toContain(`data-testid="instrument-${i.id}"`);
      expect(html).toContain('Computing…');
    }
  });
});
