/**
 * Instrument 7, question 3(f): circular padding and invariance. The network CONV2-3 → ReLU →
 * CONV2-3 → ReLU → GAP → FC-3 runs layer by layer on the kernels ('lab:kernel') for the homework's
 * x1..x4, an image drawn by hand and its circular shift, with circular padding as the kernels
 * compute it, with zero padding, and with the maps cropped to 8×8 (the convolution on the torus
 * that the invariance argument assumes). It shows the GAP vectors side by side and whether each
 * shifted pair matches, as measured.
 */
import { useMemo, useRef, useState } from 'react';

import { convOutputSize } from '../../../../native-kernels/shapes.js';
import { InstrumentFrame } from '../InstrumentFrame.js';
import type { InstrumentMeta } from '../instrument.js';
import { circularShift } from './circularShift.js';
import { duplicatedWrap } from './duplicatedWrap.js';
import { homeworkImages, IMAGE_SIZE } from './homeworkImages.js';
import { InvarianceFigure, type FigureInput, type FigurePair, type ShownMaps } from './InvarianceFigure.js';
import { invarianceReport } from './invarianceReport.js';
import { INVARIANCE_VARIANTS, invarianceSteps, type InvarianceVariant } from './invarianceSteps.js';
import { PixelPad } from './PixelPad.js';
import { runKernelChain, type RunKernel } from './runKernelChain.js';
import { seededWeights, type InvarianceWeights } from './seededWeights.js';
import { shiftBetween } from './shiftBetween.js';
import { useLabJob } from '../useLabJob.js';
import { WeightEditor } from './WeightEditor.js';
import './network.css';

export const CIRCULAR_META: InstrumentMeta = {
  id: 'circular',
  title: 'Circular padding and invariance',
  question: '3(f)',
};

const FORMULA = `f(x) = FC(GAP(ReLU(conv2(ReLU(conv1(x)))))),  conv: 2×2, stride 1, padding 1 (circular: wrap-around)
output side = ⌊(8 + 2·1 − 2)/1⌋ + 1 = ${convOutputSize(IMAGE_SIZE, 2, 1, 1)} after conv1, ${convOutputSize(convOutputSize(IMAGE_SIZE, 2, 1, 1), 2, 1, 1)} after conv2 (not 8)
GAP: g_c = (1/(H·W)) Σ_ij a_c[i, j];  invariance asks g(shift(x)) = g(x)`;

const HOMEWORK = homeworkImages();
const byId = (id: string) => HOMEWORK.find((h) => h.id === id)!;

/** A small asymmetric glyph to start drawing from: an L (rows 2–5 of column 2, then row 5). */
const GLYPH = Array.from({ length: 64 }, (_, i) => {
  const r = Math.floor(i / 8);
  const c = i % 8;
  return (c === 2 && r >= 2 && r <= 5) || (r === 5 && c >= 2 && c <= 4) ? 1 : 0;
});

const START_FROM: { id: string; label: string; pixels: number[] }[] = [
  { id: 'glyph', label: 'L shape', pixels: GLYPH },
  ...HOMEWORK.map((h) => ({ id: h.id, label: h.id, pixels: h.pixels })),
  { id: 'empty', label: 'empty', pixels: Array<number>(64).fill(0) },
];

/** The pairs compared, by position in the inputs list: (x1, x4), (x2, x3), (drawn, shifted). */
const PAIRS: readonly (readonly [number, number])[] = [
  [0, 1],
  [2, 3],
  [4, 5],
];

interface Run {
  reports: ReturnType<typeof invarianceReport>[];
  stages: Record<InvarianceVariant, Awaited<ReturnType<typeof runKernelChain>>>;
}

export function CircularInstrument() {
  const figure = useRef<SVGSVGElement>(null);
  const [seed, setSeed] = useState(1);
  const [weights, setWeights] = useState<InvarianceWeights>(() => seededWeights(1));
  const [drawn, setDrawn] = useState<number[]>(GLYPH);
  const [dx, setDx] = useState(3);
  const [dy, setDy] = useState(2);
  const [shownItem, setShownItem] = useState(4);
  const [shownVariant, setShownVariant] = useState<InvarianceVariant>('circular');

  const shifted = useMemo(() => circularShift(drawn, IMAGE_SIZE, dx, dy), [drawn, dx, dy]);
  const inputs: FigureInput[] = useMemo(
    () => [
      { id: 'x1', label: 'x1', sub: 'row 1', pixels: byId('x1').pixels },
      { id: 'x4', label: 'x4', sub: 'row 5 *', pixels: byId('x4').pixels },
      { id: 'x2', label: 'x2', sub: 'column 1', pixels: byId('x2').pixels },
      { id: 'x3', label: 'x3', sub: 'column 6', pixels: byId('x3').pixels },
      { id: 'drawn', label: 'drawn', sub: 'by hand', pixels: drawn },
      { id: 'shifted', label: 'shifted', sub: `drawn, (${dx}, ${dy})`, pixels: shifted },
    ],
    [drawn, shifted, dx, dy],
  );
  const pairs: FigurePair[] = PAIRS.map(([a, b]) => {
    const s = shiftBetween(inputs[a].pixels, inputs[b].pixels, IMAGE_SIZE);
    return {
      a,
      b,
      relation: s
        ? `${inputs[b].label} = ${inputs[a].label} shifted (${s.dx}, ${s.dy})`
        : 'not a circular shift',
    };
  });

  const job = useMemo(() => {
    const data = Float32Array.from(inputs.flatMap((i) => i.pixels));
    const x = { shape: [inputs.length, 1, IMAGE_SIZE, IMAGE_SIZE], data };
    return async (run: RunKernel): Promise<Run> => {
      const chains = await Promise.all(
        INVARIANCE_VARIANTS.map((v) => runKernelChain(run, x, invarianceSteps(weights, v.id))),
      );
      const stages = Object.fromEntries(
        INVARIANCE_VARIANTS.map((v, i) => [v.id, chains[i]]),
      ) as Run['stages'];
      return { stages, reports: INVARIANCE_VARIANTS.map((v, i) => invarianceReport(v.id, chains[i], PAIRS)) };
    };
  }, [inputs, weights]);
  const { value: run, error, busy } = useLabJob(job);

  const maps: ShownMaps | null = useMemo(() => {
    if (run === null) return null;
    const chain = run.stages[shownVariant];
    const pick = (label: string) => chain.find((s) => s.label === label)!.y;
    const cropped = shownVariant === 'circular-crop';
    const layers = [
      { name: 'conv1', y: pick(cropped ? 'crop1' : 'conv1') },
      { name: 'conv2', y: pick(cropped ? 'crop2' : 'conv2') },
    ];
    const conv1 = pick('conv1');
    return {
      title: `Feature maps of ${inputs[shownItem].label}, ${INVARIANCE_VARIANTS.find((v) => v.id === shownVariant)!.label}`,
      layers,
      item: shownItem,
      wrap: shownVariant === 'circular' ? duplicatedWrap(conv1, shownItem, 0) : null,
    };
  }, [run, shownItem, shownVariant, inputs]);

  const circular = run?.reports[0];
  return (
    <InstrumentFrame
      meta={CIRCULAR_META}
      summary={
        <>
          <p>
            The homework&apos;s network with circular padding, run layer by layer on the kernels. With a 2×2
            kernel and padding 1 each conv returns a 9×9 map from an 8×8 image (then 10×10), not 8×8: its last
            row and column repeat the first, so GAP counts one wrapped row and column twice. Whether the GAP
            vectors of shifted inputs still match is measured here, beside zero padding and the maps cropped
            to 8×8 (a true convolution on the torus).
          </p>
          <p className="muted small">* {byId('x4').note}.</p>
        </>
      }
      formula={FORMULA}
      figure={figure}
      controls={
        <>
          <fieldset className="net-group">
            <legend>Weights</legend>
            <div className="net-row">
              <label className="net-int">
                <span>seed</span>
                <input
                  type="number"
                  min={0}
                  max={4294967295}
                  value={seed}
                  data-testid="circular-seed"
                  onChange={(e) => {
                    const s = Number(e.target.value);
                    if (Number.isInteger(s) && s >= 0) {
                      setSeed(s);
                      setWeights(seededWeights(s));
                    }
                  }}
                />
              </label>
              <button
                type="button"
                data-testid="circular-new-weights"
                onClick={() => {
                  setSeed(seed + 1);
                  setWeights(seededWeights(seed + 1));
                }}
              >
                New random weights
              </button>
            </div>
            <details>
              <summary>Edit weights</summary>
              <WeightEditor weights={weights} onChange={setWeights} />
            </details>
          </fieldset>
          <fieldset className="net-group">
            <legend>Drawn image (click cells)</legend>
            <PixelPad size={IMAGE_SIZE} pixels={drawn} onChange={setDrawn} />
            <label className="net-row">
              <span>start from</span>
              <select
                aria-label="start the drawing from"
                data-testid="circular-start"
                value=""
                onChange={(e) => {
                  const s = START_FROM.find((f) => f.id === e.target.value);
                  if (s) setDrawn([...s.pixels]);
                }}
              >
                <option value="" disabled>
                  choose…
                </option>
                {START_FROM.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <fieldset className="net-group">
            <legend>Circular shift of the drawing</legend>
            <label className="net-slider">
              <span>
                dx = <output data-testid="circular-dx-value">{dx}</output> (columns right)
              </span>
              <input
                type="range"
                min={0}
                max={7}
                value={dx}
                data-testid="circular-dx"
                onChange={(e) => setDx(Number(e.target.value))}
              />
            </label>
            <label className="net-slider">
              <span>
                dy = <output data-testid="circular-dy-value">{dy}</output> (rows down)
              </span>
              <input
                type="range"
                min={0}
                max={7}
                value={dy}
                data-testid="circular-dy"
                onChange={(e) => setDy(Number(e.target.value))}
              />
            </label>
          </fieldset>
          <fieldset className="net-group">
            <legend>Feature maps shown</legend>
            <select
              aria-label="input whose maps are shown"
              value={shownItem}
              data-testid="circular-shown"
              onChange={(e) => setShownItem(Number(e.target.value))}
            >
              {inputs.map((input, i) => (
                <option key={input.id} value={i}>
                  {input.label}
                </option>
              ))}
            </select>
            <select
              aria-label="padding variant whose maps are shown"
              value={shownVariant}
              onChange={(e) => setShownVariant(e.target.value as InvarianceVariant)}
            >
              {INVARIANCE_VARIANTS.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          </fieldset>
        </>
      }
    >
      <p className="net-status" aria-live="polite" data-testid="circular-status">
        {circular
          ? `Measured with circular padding: ${pairs
              .map(
                (p, r) =>
                  `${inputs[p.a].label}/${inputs[p.b].label} ${circular.pairs[r].match ? 'match' : 'differ'}`,
              )
              .join(', ')}.${busy ? ' Updating…' : ''}`
          : busy
            ? 'Computing…'
            : ''}
      </p>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <InvarianceFigure
        svg={figure}
        inputs={inputs}
        pairs={pairs}
        reports={run?.reports ?? null}
        maps={maps}
        busy={busy}
      />
    </InstrumentFrame>
  );
}
