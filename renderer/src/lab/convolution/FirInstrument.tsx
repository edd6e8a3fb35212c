/**
 * Homework 2(a), 2(b): convolution as an FIR filter. x and h are picked (or drawn), the kernel
 * library convolves them (conv2d on a 1×n row with flip: true, see firKernelPlan.ts), the closed
 * form is computed beside it, the flip-and-drag sum is shown for one n, and shifting x by N shows
 * y shifting by N.
 */
import { useMemo, useRef, useState } from 'react';

import type { InstrumentMeta } from '../instrument.js';
import { InstrumentFrame } from '../InstrumentFrame.js';
import { NumberInput } from '../../studio/kernel/NumberInput.js';
import './convolution.css';
import { boxcarHalfPowerParts } from './firClosedForm.js';
import { firCutNotes } from './firCutNotes.js';
import { FirFigure, type FirView } from './FirFigure.js';
import { firFigureData } from './firFigureData.js';
import { firKernelPlan, firOutputAt, type FirKernelPlan } from './firKernelPlan.js';
import { FirReadout } from './FirReadout.js';
import { flipAndDrag } from './flipAndDrag.js';
import { sampleSignal } from './sampleSignal.js';
import { SignalPicker } from './SignalPicker.js';
import { SIGNAL_LABELS, signalDefinition, type SignalKind, type SignalSpec } from './signalDefinition.js';
import { useKernelAnswer } from './useKernelAnswer.js';

export const FIR_META: InstrumentMeta = {
  id: 'fir',
  title: 'Convolution as an FIR filter',
  question: '2(a), 2(b)',
};

interface FirJob {
  request: FirKernelPlan['request'];
  plan: FirKernelPlan;
  x: SignalSpec;
  h: SignalSpec;
  window: readonly [number, number];
  shift: number;
}

/** The window's limits: n from −40 to 60, at least 4 samples wide. */
const N_MIN = -40;
const N_MAX = 60;
const MAX_SHIFT = 20;

const VIEWS: { id: FirView; label: string }[] = [
  { id: 'convolution', label: 'x, h and y = x * h' },
  { id: 'flip', label: 'Flip and drag' },
  { id: 'shift', label: 'Shift the input by N' },
];

function label(spec: SignalSpec): string {
  return spec.kind === 'boxcar' ? `boxcar, L = ${spec.length}` : SIGNAL_LABELS[spec.kind];
}

/** The homework's statement, L = 7, for the formula box. */
const homework = boxcarHalfPowerParts(7);

export function FirInstrument() {
  const figure = useRef<SVGSVGElement>(null);
  const [x, setX] = useState<SignalSpec>({ kind: 'boxcar', length: 7, custom: {} });
  const [h, setH] = useState<SignalSpec>({ kind: 'halfPower', length: 3, custom: {} });
  const [lo, setLo] = useState(-6);
  const [hi, setHi] = useState(12);
  const [view, setView] = useState<FirView>('convolution');
  const [pickedN, setPickedN] = useState(4);
  const [shift, setShift] = useState(5);

  const job = useMemo<FirJob>(() => {
    // A custom signal is what its panel shows: stems left outside a narrowed window are dropped.
    const shownPart = (s: SignalSpec): SignalSpec =>
      s.kind !== 'custom'
        ? s
        : {
            ...s,
            custom: Object.fromEntries(Object.entries(s.custom).filter(([k]) => +k >= lo && +k <= hi)),
          };
    const [xs, hs] = [shownPart(x), shownPart(h)];
    const plan = firKernelPlan(signalDefinition(xs), signalDefinition(hs), [lo, hi], shift);
    return { request: plan.request, plan, x: xs, h: hs, window: [lo, hi], shift };
  }, [x, h, lo, hi, shift]);
  const answer = useKernelAnswer(job);
  const shown = answer.job;
  const data = useMemo(
    () => (shown && answer.result ? firFigureData(shown, shown.plan, answer.result.y.data) : null),
    [shown, answer.result],
  );

  // Everything below draws the settled job (its window), so numbers never mix two settings.
  const win = shown?.window ?? ([lo, hi] as const);
  const n = Math.max(win[0], Math.min(win[1], pickedN));
  const flip = useMemo(
    () => (shown ? flipAndDrag(signalDefinition(shown.x), signalDefinition(shown.h), n) : null),
    [shown, n],
  );
  // h(n − k) at every shown k: h flipped and moved to n, drawn under x.
  const flippedH = useMemo(() => {
    if (!shown) return [];
    const hd = signalDefinition(shown.h);
    return sampleSignal((k) => hd.at(n - k), shown.window[0], shown.window[1]);
  }, [shown, n]);
  const flipKernel =
    shown && answer.result ? firOutputAt(shown.plan, answer.result.y.data, 0, n) : Number.NaN;

  const setKind = (set: typeof setX, spec: SignalSpec, kind: SignalKind) => {
    if (kind !== 'custom') return set({ ...spec, kind });
    // A custom signal starts as the current one over the window, ready to be edited.
    const def = signalDefinition(spec);
    const custom: Record<number, number> = {};
    for (let k = lo; k <= hi; k++) if (def.at(k) !== 0) custom[k] = Number(def.at(k).toFixed(4));
    set({ ...spec, kind, custom });
  };
  const editOf = (spec: SignalSpec, set: typeof setX, name: 'x' | 'h') =>
    spec.kind === 'custom' && shown?.[name].kind === 'custom'
      ? {
          label: `${name}(n)`,
          onSet: (k: number, v: number) => set((s) => ({ ...s, custom: { ...s.custom, [k]: v } })),
        }
      : undefined;

  const homeworkL =
    shown && shown.x.kind === 'boxcar' && shown.h.kind === 'halfPower'
      ? shown.x.length
      : shown && shown.h.kind === 'boxcar' && shown.x.kind === 'halfPower'
        ? shown.h.length
        : null;

  const controls = (
    <>
      <SignalPicker
        name="x"
        spec={x}
        onKind={(k) => setKind(setX, x, k)}
        onLength={(L) => setX({ ...x, length: L })}
      />
      <SignalPicker
        name="h"
        spec={h}
        onKind={(k) => setKind(setH, h, k)}
        onLength={(L) => setH({ ...h, length: L })}
      />
      <fieldset className="conv-fieldset">
        <legend>Range of n</legend>
        <label>
          from{' '}
          <NumberInput
            data-testid="fir-range-lo"
            aria-label="First n shown"
            value={lo}
            integer
            min={N_MIN}
            max={hi - 4}
            onValue={setLo}
          />
        </label>
        <label>
          to{' '}
          <NumberInput
            data-testid="fir-range-hi"
            aria-label="Last n shown"
            value={hi}
            integer
            min={lo + 4}
            max={N_MAX}
            onValue={setHi}
          />
        </label>
      </fieldset>
      <fieldset className="conv-fieldset">
        <legend>Show</legend>
        {VIEWS.map((v) => (
          <label key={v.id} className="conv-radio">
            <input
              type="radio"
              name="fir-view"
              data-testid={`fir-view-${v.id}`}
              checked={view === v.id}
              onChange={() => setView(v.id)}
            />{' '}
            {v.label}
          </label>
        ))}
        {view === 'flip' && (
          <label className="conv-slider">
            n = {n}
            <input
              type="range"
              data-testid="fir-n"
              aria-label="The n whose y(n) is computed"
              min={win[0]}
              max={win[1]}
              step={1}
              value={n}
              onChange={(e) => setPickedN(Number(e.target.value))}
            />
          </label>
        )}
        {view === 'shift' && (
          <label>
            N{' '}
            <NumberInput
              data-testid="fir-shift"
              aria-label="Shift N of the input"
              value={shift}
              integer
              min={-MAX_SHIFT}
              max={MAX_SHIFT}
              onValue={setShift}
            />
          </label>
        )}
      </fieldset>
    </>
  );

  return (
    <InstrumentFrame
      meta={FIR_META}
      summary={
        <p>
          An LTI system's output is its input convolved with its impulse response. Pick x and h (or draw
          them); the kernel library computes y = x * h (conv2d on a 1 × n row with the kernel flipped: true
          convolution, the homework's definition (1)), and the closed form is computed beside it. Flip and
          drag shows one y(n) as a sum of products; shifting the input by N shifts the output by N.
        </p>
      }
      formula={
        'y(n) = (x * h)(n) = Σ_i x(n − i) h(i) = Σ_k x(k) h(n − k)\n' +
        `boxcar of length L = 7 with (1/2)^n u(n):  ${homework.sum}\n` +
        `  ${homework.rising},  ${homework.decaying}  (it decays)\n` +
        'shift: x₂(n) = x(n − N)  ⇒  y₂(n) = y(n − N)'
      }
      controls={controls}
      figure={figure}
    >
      <div className="conv-figure-row" data-testid="fir-state" data-state={answer.busy ? 'busy' : 'idle'}>
        {answer.error && (
          <p className="error-text" role="alert">
            The kernel refused: {answer.error}
          </p>
        )}
        {data && flip && shown ? (
          <>
            <FirFigure
              ref={figure}
              view={view}
              data={data}
              window={win}
              xLabel={label(shown.x)}
              hLabel={label(shown.h)}
              shift={shown.shift}
              flip={flip}
              flippedH={flippedH}
              flipKernel={flipKernel}
              editX={editOf(x, setX, 'x')}
              editH={editOf(h, setH, 'h')}
              onPickN={setPickedN}
            />
            <FirReadout
              view={view}
              data={data}
              notes={firCutNotes(shown.plan.cuts, { x: shown.x.kind, h: shown.h.kind }, data.droppedTail)}
              homeworkL={homeworkL}
              shift={shown.shift}
              flip={flip}
              flipKernel={flipKernel}
            />
          </>
        ) : (
          !answer.error && <p className="muted">Computing…</p>
        )}
      </div>
    </InstrumentFrame>
  );
}
