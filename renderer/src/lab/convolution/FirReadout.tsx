/**
 * The FIR instrument's numbers beside its figure: the closed form and how far the kernel is from
 * it, what the cuts of infinite signals mean, and a table of every value drawn (the view's own:
 * y with the closed form, the flip-and-drag products, or the shift's difference).
 */
import type { FirFigureData } from './firFigureData.js';
import type { FirView } from './FirFigure.js';
import type { FlipAndDrag } from './flipAndDrag.js';
import { formatValue } from './formatValue.js';

export interface FirReadoutProps {
  view: FirView;
  data: FirFigureData;
  notes: string[];
  /** The boxcar length when the pair is boxcar with (1/2)^n u(n), else null. */
  homeworkL: number | null;
  shift: number;
  flip: FlipAndDrag;
  flipKernel: number;
}

const f = (v: number) => formatValue(v, 7);

export function FirReadout({ view, data, notes, homeworkL, shift, flip, flipKernel }: FirReadoutProps) {
  const yAt = (n: number) => data.y.find((s) => s.n === n)?.v ?? Number.NaN;
  const [lo, hi] = [data.ns[0], data.ns[data.ns.length - 1]];
  const decay =
    homeworkL !== null && hi >= homeworkL + 1 && lo <= homeworkL - 1
      ? { peakN: homeworkL - 1, peak: yAt(homeworkL - 1), lastN: hi, last: yAt(hi) }
      : null;
  return (
    <div className="conv-readout">
      {view !== 'flip' && data.closedText && (
        <p data-testid="fir-closed-text">
          Closed form: <code>{data.closedText}</code>
        </p>
      )}
      {view === 'convolution' && data.comparison && (
        <p data-testid="fir-comparison" data-agrees={data.comparison.agrees}>
          Kernel against closed form over n = {lo}..{hi}: largest |difference|{' '}
          <strong>{formatValue(data.comparison.maxAbsDiff, 3)}</strong>
          {data.comparison.maxAbsDiff > 0 && ` (at n = ${data.comparison.worstN})`},{' '}
          {data.comparison.agrees
            ? `within float32 rounding (${formatValue(data.comparison.tolerance, 2)}).`
            : `MORE than float32 rounding explains (${formatValue(data.comparison.tolerance, 2)}).`}
        </p>
      )}
      {view === 'convolution' && !data.closedText && (
        <p data-testid="fir-closed-text">No closed form for a custom signal; the kernel's sum is shown.</p>
      )}
      {view === 'convolution' && decay && (
        <p data-testid="fir-decay">
          It decays; it is not constant: y({decay.peakN}) = {f(decay.peak)} is the largest, and by y(
          {decay.lastN}) it is down to {f(decay.last)}. Once n passes {decay.peakN}, each step adds a smaller
          term and drops the largest one. An answer where y levels off near 2 after n = {decay.peakN}{' '}
          disagrees with the arithmetic, and the arithmetic (kernel and closed form alike) wins.
        </p>
      )}
      {view === 'shift' && (
        <p data-testid="fir-shift-result">
          Time invariance: shifting the input by N = {shift} shifts the output by N. The kernel's y₂(n) and
          y(n − {shift}) differ by at most <strong>{formatValue(data.maxShiftDiff, 3)}</strong> over the
          window
          {data.shiftComparison &&
            `; y₂ against the closed form at n − ${shift}: at most ${formatValue(data.shiftComparison.maxAbsDiff, 3)}`}
          .
        </p>
      )}
      {view === 'flip' && (
        <p data-testid="fir-flip-sum">
          y({flip.n}) = Σ<sub>k</sub> x(k)·h({flip.n} − k) over {flip.terms.length} overlapping samples ={' '}
          <strong>{f(flip.sum)}</strong> (float64); the kernel computed {f(flipKernel)}.
        </p>
      )}
      {notes.map((note) => (
        <p key={note} className="conv-note" data-testid="fir-cut-note">
          {note}
        </p>
      ))}
      {view === 'convolution' && (
        <table className="conv-table" data-testid="fir-table">
          <thead>
            <tr>
              <th>n</th>
              <th>x(n)</th>
              <th>h(n)</th>
              <th>y(n), kernel</th>
              {data.closed && <th>closed form</th>}
              {data.closed && <th>|difference|</th>}
            </tr>
          </thead>
          <tbody>
            {data.ns.map((n, i) => (
              <tr key={n}>
                <td>{n}</td>
                <td>{f(data.x[i].v)}</td>
                <td>{f(data.h[i].v)}</td>
                <td data-testid={`fir-y-${n}`}>{f(data.y[i].v)}</td>
                {data.closed && <td data-testid={`fir-closed-${n}`}>{f(data.closed[i].v)}</td>}
                {data.closed && <td>{formatValue(Math.abs(data.y[i].v - data.closed[i].v), 2)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view === 'flip' && (
        <table className="conv-table" data-testid="fir-flip-table">
          <thead>
            <tr>
              <th>k</th>
              <th>x(k)</th>
              <th>h({flip.n} − k)</th>
              <th>product</th>
            </tr>
          </thead>
          <tbody>
            {flip.terms.map((t) => (
              <tr key={t.k} data-testid={`fir-term-${t.k}`}>
                <td>{t.k}</td>
                <td>{f(t.x)}</td>
                <td>{f(t.h)}</td>
                <td>{f(t.product)}</td>
              </tr>
            ))}
            <tr>
              <th colSpan={3}>sum</th>
              <td>{f(flip.sum)}</td>
            </tr>
          </tbody>
        </table>
      )}
      {view === 'shift' && (
        <table className="conv-table" data-testid="fir-shift-table">
          <thead>
            <tr>
              <th>n</th>
              <th>x₂(n)</th>
              <th>y₂(n)</th>
              <th>y(n − {shift})</th>
              <th>difference</th>
            </tr>
          </thead>
          <tbody>
            {data.ns.map((n, i) => (
              <tr key={n}>
                <td>{n}</td>
                <td>{f(data.x2[i].v)}</td>
                <td data-testid={`fir-y2-${n}`}>{f(data.y2[i].v)}</td>
                <td>{f(data.yShifted[i].v)}</td>
                <td>{formatValue(data.diff[i].v, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
