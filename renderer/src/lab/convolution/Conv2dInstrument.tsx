/**
 * Homework 2(c), 2(d): 2-D convolution with stride, padding, padding mode and dilation, as true
 * convolution (the homework's definition (2)) or correlation (what CNN layers compute). The
 * kernel library computes the output; one output cell at a time is taken apart into its window
 * on the padded input and its products; the output size formula is evaluated beside the kernel's
 * output shape.
 */
import { useMemo, useRef, useState } from 'react';

import type { PaddingMode } from '../../../../native-kernels/types.js';
import type { InstrumentMeta } from '../instrument.js';
import { InstrumentFrame } from '../InstrumentFrame.js';
import { NumberInput } from '../../studio/kernel/NumberInput.js';
import { Conv2dFigure } from './Conv2dFigure.js';
import { conv2dRequest } from './conv2dRequest.js';
import './convolution.css';
import { formatValue } from './formatValue.js';
import { HOMEWORK_CASES, HOMEWORK_H, HOMEWORK_X, type Conv2dSettings } from './homeworkConv2d.js';
import { MatrixEditor } from './MatrixEditor.js';
import { appliedKernel, outputCellProducts } from './outputCellProducts.js';
import { outputSizeFormula } from './outputSizeFormula.js';
import { paddedInput } from './paddedInput.js';
import { rasterStep } from './rasterStep.js';
import { useKernelAnswer } from './useKernelAnswer.js';
import type { LabKernelRequest } from '../../../../preload/contract.js';

export const CONV2D_META: InstrumentMeta = {
  id: 'conv2d',
  title: '2-D convolution with stride and padding',
  question: '2(c), 2(d)',
};

const MODES: { id: PaddingMode; label: string }[] = [
  { id: 'zeros', label: 'zeros' },
  { id: 'reflect', label: 'reflect' },
  { id: 'replicate', label: 'replicate' },
  { id: 'circular', label: 'circular' },
];

interface Conv2dJob {
  request: LabKernelRequest;
  x: number[][];
  h: number[][];
  settings: Conv2dSettings;
}

const copy = (m: number[][]) => m.map((row) => [...row]);

export function Conv2dInstrument() {
  const figure = useRef<SVGSVGElement>(null);
  const [x, setX] = useState(() => copy(HOMEWORK_X));
  const [h, setH] = useState(() => copy(HOMEWORK_H));
  const [settings, setSettings] = useState<Conv2dSettings>(HOMEWORK_CASES[1].settings);
  const [picked, setPicked] = useState<[number, number]>([0, 0]);

  const job = useMemo<Conv2dJob>(() => {
    const request = conv2dRequest(x, h, settings);
    return { request, x, h, settings };
  }, [x, h, settings]);
  const answer = useKernelAnswer(job);
  // A refusal shows the error and no stale output.
  const shown = answer.error ? null : answer.job;

  const output = useMemo(() => {
    if (!shown || !answer.result) return null;
    const { data, shape } = answer.result.y;
    const [, , oh, ow] = shape;
    return Array.from({ length: oh }, (_, r) => Array.from(data.subarray(r * ow, (r + 1) * ow)));
  }, [shown, answer.result]);
  const oh = output?.length ?? 0;
  const ow = output?.[0]?.length ?? 0;
  const cellR = Math.min(picked[0], Math.max(0, oh - 1));
  const cellC = Math.min(picked[1], Math.max(0, ow - 1));
  const cell: [number, number] = [cellR, cellC];

  const view = useMemo(() => {
    if (!shown || !output) return null;
    const s = shown.settings;
    const padded = paddedInput(shown.x, s.padding, s.mode);
    return {
      padded,
      applied: appliedKernel(shown.h, s.flip),
      products: outputCellProducts(
        padded,
        shown.h,
        { stride: s.stride, dilation: s.dilation, flip: s.flip },
        cellR,
        cellC,
      ),
    };
  }, [shown, output, cellR, cellC]);

  // The formula for the settings on screen (also when the kernel refused them).
  const f = shown ?? job;
  const heightFormula = outputSizeFormula(
    f.x.length,
    f.h.length,
    f.settings.stride,
    f.settings.padding,
    f.settings.dilation,
  );
  const widthFormula = outputSizeFormula(
    f.x[0].length,
    f.h[0].length,
    f.settings.stride,
    f.settings.padding,
    f.settings.dilation,
  );

  const set = (patch: Partial<Conv2dSettings>) => setSettings((s) => ({ ...s, ...patch }));
  const step = (delta: number) => setPicked(rasterStep(cell[0], cell[1], delta, oh, ow));

  const controls = (
    <>
      <fieldset className="conv-fieldset">
        <legend>Homework cases</legend>
        {HOMEWORK_CASES.map((c) => (
          <button
            key={c.id}
            type="button"
            data-testid={`conv-case-${c.id}`}
            onClick={() => {
              setX(copy(HOMEWORK_X));
              setH(copy(HOMEWORK_H));
              setSettings(c.settings);
            }}
          >
            {c.label}
          </button>
        ))}
      </fieldset>
      <fieldset className="conv-fieldset">
        <legend>Layer</legend>
        <div className="conv-size">
          <label>
            stride{' '}
            <NumberInput
              data-testid="conv-stride"
              aria-label="Stride"
              value={settings.stride}
              integer
              min={1}
              max={4}
              onValue={(v) => set({ stride: v })}
            />
          </label>
          <label>
            padding{' '}
            <NumberInput
              data-testid="conv-padding"
              aria-label="Padding"
              value={settings.padding}
              integer
              min={0}
              max={4}
              onValue={(v) => set({ padding: v })}
            />
          </label>
          <label>
            dilation{' '}
            <NumberInput
              data-testid="conv-dilation"
              aria-label="Dilation"
              value={settings.dilation}
              integer
              min={1}
              max={3}
              onValue={(v) => set({ dilation: v })}
            />
          </label>
        </div>
        <label>
          padding mode{' '}
          <select
            data-testid="conv-mode"
            value={settings.mode}
            onChange={(e) => set({ mode: e.target.value as PaddingMode })}
          >
            {MODES.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <label className="conv-radio">
          <input
            type="radio"
            name="conv-op"
            data-testid="conv-op-convolution"
            checked={settings.flip}
            onChange={() => set({ flip: true })}
          />{' '}
          convolution (flip h; the homework's (2))
        </label>
        <label className="conv-radio">
          <input
            type="radio"
            name="conv-op"
            data-testid="conv-op-correlation"
            checked={!settings.flip}
            onChange={() => set({ flip: false })}
          />{' '}
          correlation (what CNN layers compute)
        </label>
      </fieldset>
      <fieldset className="conv-fieldset">
        <legend>Step through y</legend>
        <div className="conv-size">
          <button type="button" data-testid="conv-prev" onClick={() => step(-1)} disabled={oh === 0}>
            ◀ Previous
          </button>
          <button type="button" data-testid="conv-next" onClick={() => step(1)} disabled={oh === 0}>
            Next ▶
          </button>
          <span data-testid="conv-cell">
            y[{cell[0]}, {cell[1]}]
          </span>
        </div>
        <p className="conv-hint">
          Or Tab to the output grid in the figure: arrow keys, Home, End; or click a cell.
        </p>
      </fieldset>
      <MatrixEditor name="x" value={x} onChange={setX} onReset={() => setX(copy(HOMEWORK_X))} />
      <MatrixEditor name="h" value={h} onChange={setH} onReset={() => setH(copy(HOMEWORK_H))} />
    </>
  );

  const products = view?.products;
  return (
    <InstrumentFrame
      meta={CONV2D_META}
      summary={
        <p>
          The kernel library convolves x with h (conv2d). Each output cell y[r, c] is the sum of the window of
          the padded input that starts at (r·S, c·S), tap (i, j) read D·i rows and D·j columns further, times
          the kernel: rotated by 180° for true convolution (the homework's definition (2)), as entered for
          correlation. For the homework's h, rotating it negates it, so convolution and correlation differ
          only in sign.
        </p>
      }
      formula={
        'y[m, n] = Σ_{i,j} x[m − i, n − j] h[i, j]   (convolution; correlation: Σ x[m + i, n + j] h[i, j])\n' +
        'y[r, c] = Σ_{i,j} x_padded[r·S + i·D, c·S + j·D] · h_applied[i, j]\n' +
        'H_out = floor((H + 2P − D(K−1) − 1)/S) + 1   (and W_out likewise)'
      }
      controls={controls}
      figure={figure}
    >
      <div className="conv-figure-row" data-testid="conv-state" data-state={answer.busy ? 'busy' : 'idle'}>
        {answer.error && (
          <div role="alert" className="error-text" data-testid="conv-error">
            <p>The kernel library refused these settings: {answer.error}</p>
            <p>
              H_out = {heightFormula.text}; W_out = {widthFormula.text}
            </p>
          </div>
        )}
        {shown && output && view && products ? (
          <>
            <Conv2dFigure
              ref={figure}
              padded={view.padded}
              inputRows={shown.x.length}
              inputCols={shown.x[0].length}
              applied={view.applied}
              flip={shown.settings.flip}
              modeLabel={shown.settings.mode}
              dilation={shown.settings.dilation}
              output={output}
              cell={products}
              onCell={(r, c) => setPicked([r, c])}
              heightFormula={heightFormula}
              widthFormula={widthFormula}
            />
            <div className="conv-readout">
              <p data-testid="conv-sum-text">
                y[{products.r}, {products.c}] ={' '}
                {products.taps.map((t, k) => (
                  <span key={k}>
                    {k > 0 && ' + '}({formatValue(t.weight)})({formatValue(t.value)})
                  </span>
                ))}{' '}
                = <strong>{formatValue(products.sum)}</strong> (float64); the kernel computed{' '}
                <strong>{formatValue(output[products.r][products.c])}</strong>.
              </p>
              <p className="conv-note">
                Every number here is computed: the output by the kernel library, the products and their sum by
                the arithmetic above. Where a worked answer you have disagrees with them, check it against
                this arithmetic: it is definition (2) evaluated, not a recollection of it.
              </p>
            </div>
          </>
        ) : (
          !answer.error && <p className="muted">Computing…</p>
        )}
      </div>
    </InstrumentFrame>
  );
}
