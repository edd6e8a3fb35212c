/**
 * One panel of the FIR figure: a title, axes with n along the bottom, and one or more stem
 * series. An editable panel (a custom signal) takes the mouse — press and drag across the stems
 * to draw them — and the keyboard: it is one Tab stop, ←/→ pick a stem, ↑/↓ change it by 0.25
 * (Shift: by 0.05), 0 or Delete clears it. Its value range is fixed at −2..2 while editing, so the
 * panel does not rescale under the pointer.
 */
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';

import { Axes } from '../charts/Axes.js';
import { linearScale } from '../charts/linearScale.js';
import { StemPlot, type Stem } from '../charts/StemPlot.js';
import { formatValue } from './formatValue.js';
import { integerTicks, stemPanelDomain } from './stemPanelDomain.js';

export interface StemSeries {
  name: string;
  stems: readonly Stem[];
  color: string;
  marker?: 'dot' | 'ring' | 'cross';
  dx?: number;
  /** Marker radius (default 3.5). */
  radius?: number;
  /** Draw stem lines (default true). */
  stem?: boolean;
}

export interface StemPanelEdit {
  /** Accessible name of the signal, e.g. "x(n)". */
  label: string;
  onSet: (n: number, v: number) => void;
}

export interface StemPanelProps {
  /** Top of the panel in the figure's coordinates. */
  top: number;
  width: number;
  title: React.ReactNode;
  window: readonly [number, number];
  series: readonly StemSeries[];
  /** Stems drawn thicker (the n being computed). */
  emphasis?: ReadonlySet<number>;
  /** A vertical dashed marker at this n. */
  marker?: number;
  edit?: StemPanelEdit;
  /** Clicking the panel picks an n (flip and drag). */
  onPick?: (n: number) => void;
  testId?: string;
}

export const PANEL_HEIGHT = 132;
const LEFT = 56;
const RIGHT = 14;
const PLOT_TOP = 22;
const PLOT_BOTTOM = 104;
/** The custom signal's value range (fixed, so drawing does not rescale the panel). */
export const EDIT_RANGE = 2;

export function StemPanel({
  top,
  width,
  title,
  window: [lo, hi],
  series,
  emphasis,
  marker,
  edit,
  onPick,
  testId,
}: StemPanelProps) {
  const x = linearScale([lo - 0.5, hi + 0.5], [LEFT, width - RIGHT]);
  const values = series.flatMap((s) => s.stems.map((st) => st.v));
  const domain: [number, number] = edit ? [-EDIT_RANGE, EDIT_RANGE] : stemPanelDomain(values);
  const y = linearScale(domain, [PLOT_BOTTOM, PLOT_TOP]);
  // Pixels between neighbouring stems: markers and side-by-side offsets shrink on long windows.
  const spacing = (width - LEFT - RIGHT) / (hi - lo + 1);
  const [cursor, setCursor] = useState(Math.max(lo, Math.min(hi, 0)));
  const [focused, setFocused] = useState(false);
  const drawing = useRef(false);
  const at = Math.max(lo, Math.min(hi, cursor));

  /** The panel-local point under a pointer event (the figure is scaled by CSS). */
  const local = (e: PointerEvent<SVGElement>) => {
    const svg = e.currentTarget.ownerSVGElement;
    const ctm = svg?.getScreenCTM();
    if (!svg || !ctm) return null;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    return { n: Math.round(x.invert(p.x)), v: y.invert(p.y - top) };
  };
  const drawAt = (e: PointerEvent<SVGElement>) => {
    const p = local(e);
    if (!p || !edit || p.n < lo || p.n > hi) return;
    const v = Math.max(-EDIT_RANGE, Math.min(EDIT_RANGE, Math.round(p.v * 20) / 20));
    setCursor(p.n);
    edit.onSet(p.n, v);
  };
  const valueAt = (n: number) => series[0]?.stems.find((s) => s.n === n)?.v ?? 0;
  const onKeyDown = (e: KeyboardEvent<SVGGElement>) => {
    if (!edit) return;
    const step = e.shiftKey ? 0.05 : 0.25;
    const clamp = (v: number) => Math.max(-EDIT_RANGE, Math.min(EDIT_RANGE, Math.round(v * 100) / 100));
    if (e.key === 'ArrowLeft') setCursor(Math.max(lo, at - 1));
    else if (e.key === 'ArrowRight') setCursor(Math.min(hi, at + 1));
    else if (e.key === 'ArrowUp') edit.onSet(at, clamp(valueAt(at) + step));
    else if (e.key === 'ArrowDown') edit.onSet(at, clamp(valueAt(at) - step));
    else if (e.key === '0' || e.key === 'Delete' || e.key === 'Backspace') edit.onSet(at, 0);
    else return;
    e.preventDefault();
  };

  return (
    <g transform={`translate(0,${top})`} data-testid={testId}>
      <text x={LEFT} y={12} fontFamily="sans-serif" fontSize={12} fontWeight="bold" fill="#222222">
        {title}
      </text>
      <Axes x={x} y={y} xTicks={integerTicks(lo, hi)} yTicks={y.ticks(3)} />
      {marker !== undefined && marker >= lo && marker <= hi && (
        <line
          x1={x(marker)}
          x2={x(marker)}
          y1={PLOT_TOP}
          y2={PLOT_BOTTOM}
          stroke="#888888"
          strokeDasharray="3 3"
        />
      )}
      {series.map((s) => (
        <StemPlot
          key={s.name}
          name={s.name}
          x={x}
          y={y}
          stems={s.stems}
          color={s.color}
          marker={s.marker}
          dx={(s.dx ?? 0) * Math.min(1, spacing / 24)}
          radius={Math.min(s.radius ?? 3.5, Math.max(1.5, spacing * (s.radius ? 0.45 : 0.3)))}
          stem={s.stem}
          emphasis={emphasis}
        />
      ))}
      {(edit || onPick) && (
        <g
          tabIndex={edit ? 0 : undefined}
          role={edit ? 'slider' : undefined}
          aria-label={edit ? `${edit.label}: stem at n = ${at}; arrow keys pick and change` : undefined}
          aria-valuenow={edit ? valueAt(at) : undefined}
          aria-valuetext={
            edit ? `${edit.label.replace('(n)', `(${at})`)} = ${formatValue(valueAt(at))}` : undefined
          }
          aria-valuemin={edit ? -EDIT_RANGE : undefined}
          aria-valuemax={edit ? EDIT_RANGE : undefined}
          data-testid={testId ? `${testId}-edit` : undefined}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onKeyDown={onKeyDown}
          style={{ outline: 'none', cursor: edit ? 'crosshair' : 'pointer' }}
          onPointerDown={(e) => {
            if (onPick) {
              const p = local(e);
              if (p && p.n >= lo && p.n <= hi) onPick(p.n);
              return;
            }
            drawing.current = true;
            e.currentTarget.setPointerCapture(e.pointerId);
            drawAt(e);
          }}
          onPointerMove={(e) => {
            if (drawing.current) drawAt(e);
          }}
          onPointerUp={() => {
            drawing.current = false;
          }}
        >
          {/* The hit area: the whole plot, transparent. */}
          <rect
            x={LEFT}
            y={PLOT_TOP - 6}
            width={width - LEFT - RIGHT}
            height={PLOT_BOTTOM - PLOT_TOP + 12}
            fill="#ffffff"
            fillOpacity={0}
          />
          {edit && focused && (
            // The keyboard's stem: a visible focus ring drawn in the figure (SVG groups get no outline).
            <rect
              x={x(at) - 9}
              y={PLOT_TOP - 8}
              width={18}
              height={PLOT_BOTTOM - PLOT_TOP + 16}
              fill="none"
              stroke="#e0a800"
              strokeWidth={2.5}
              rx={3}
              data-testid={testId ? `${testId}-cursor` : undefined}
            />
          )}
        </g>
      )}
    </g>
  );
}
