/**
 * The 2-D convolution figure, one <svg>: the padded input with the window of the current output
 * cell highlighted (the taps it reads filled, its extent outlined; padded cells grey, showing the
 * value the padding mode copies there), the kernel as it meets the window, the kernel's output
 * with the current cell marked, the products tap by tap with their sum, and the output size
 * formula evaluated. The output grid is one Tab stop: arrow keys, Home and End step through it.
 */
import { useState, type KeyboardEvent, type Ref } from 'react';

import type { CellProducts } from './outputCellProducts.js';
import type { OutputSizeFormula } from './outputSizeFormula.js';
import type { PaddedInput } from './paddedInput.js';
import { formatValue } from './formatValue.js';
import { arrowStep } from './rasterStep.js';

export interface Conv2dFigureProps {
  ref?: Ref<SVGSVGElement>;
  padded: PaddedInput;
  /** The input's own size (inside the padding). */
  inputRows: number;
  inputCols: number;
  /** The kernel as applied (rotated for convolution). */
  applied: number[][];
  flip: boolean;
  modeLabel: string;
  dilation: number;
  /** The kernel library's output rows. */
  output: number[][];
  cell: CellProducts;
  onCell: (r: number, c: number) => void;
  heightFormula: OutputSizeFormula;
  widthFormula: OutputSizeFormula;
}

const C = {
  text: '#222222',
  muted: '#6b6b6b',
  pad: '#eeeeee',
  tap: '#ffe08a',
  window: '#d9730d',
  line: '#b5b5b5',
  focus: '#1565c0',
  ok: '#1b7f4c',
  bad: '#c0392b',
};

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
const fontFor = (cell: number) => clamp(Math.round(cell * 0.36), 7, 12);

/** One cell of a grid: a box and its number. */
function Cell(props: {
  x: number;
  y: number;
  size: number;
  value: string;
  fill: string;
  color?: string;
  testId?: string;
  title?: string;
}) {
  const { x, y, size, value, fill, color = C.text, testId, title } = props;
  return (
    <g>
      {title && <title>{title}</title>}
      <rect x={x} y={y} width={size} height={size} fill={fill} stroke={C.line} strokeWidth={0.75} />
      <text
        x={x + size / 2}
        y={y + size / 2}
        dy="0.35em"
        textAnchor="middle"
        fontSize={fontFor(size)}
        fill={color}
        data-testid={testId}
      >
        {value}
      </text>
    </g>
  );
}

export function Conv2dFigure(props: Conv2dFigureProps) {
  const { ref, padded, inputRows, inputCols, applied, flip, modeLabel, dilation, output, cell, onCell } =
    props;
  const [focused, setFocused] = useState(false);
  const PH = padded.values.length;
  const PW = padded.values[0].length;
  const P = padded.pad;
  const KH = applied.length;
  const KW = applied[0].length;
  const OH = output.length;
  const OW = output[0]?.length ?? 0;

  const cs = clamp(Math.floor(Math.min(264 / PW, 264 / PH)), 14, 34);
  const ks = clamp(Math.floor(132 / Math.max(KH, KW)), 14, 34);
  const os = clamp(Math.floor(Math.min(200 / OW, 264 / OH)), 14, 34);
  const top = 34;
  const x0 = 12;
  const x1 = x0 + PW * cs + 32;
  const x2 = x1 + KW * ks + 32;
  const row1 = Math.max(PH * cs, KH * ks, OH * os);
  const pc = clamp(Math.floor(Math.min(400 / KW, 260 / KH)), 36, 56);
  const pTop = top + row1 + 44;
  const sumX = x0 + KW * pc + 24;
  const fTop = pTop + KH * pc + 30;
  const width = Math.max(720, x2 + OW * os + 12, sumX + 300);
  const height = fTop + 58;

  const taps = new Set(cell.taps.map((t) => `${t.row}-${t.col}`));
  // The window starts where tap (0, 0) reads: padded (r·S, c·S).
  const winRow = cell.taps[0]?.row ?? 0;
  const winCol = cell.taps[0]?.col ?? 0;
  const winH = (KH - 1) * dilation + 1;
  const winW = (KW - 1) * dilation + 1;
  const kernelShape = `${OH} × ${OW}`;
  const shapeOk = props.heightFormula.value === OH && props.widthFormula.value === OW;

  const onKeyDown = (e: KeyboardEvent<SVGGElement>) => {
    const next = arrowStep(cell.r, cell.c, e.key, OH, OW);
    if (next === null) return;
    e.preventDefault();
    onCell(next[0], next[1]);
  };

  return (
    <svg
      ref={ref}
      data-testid="conv-figure"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      fontFamily="sans-serif"
      role="img"
      aria-label="2-D convolution: padded input, kernel, output and the current cell's products"
    >
      <rect width={width} height={height} fill="#ffffff" />
      <g fontSize={12} fontWeight="bold" fill={C.text}>
        <text x={x0} y={top - 12}>
          x padded: {PH} × {PW} (P = {P}, {modeLabel})
        </text>
        <text x={x1} y={top - 12}>
          {flip ? 'h rotated 180°' : 'h as entered'}
        </text>
        <text x={x2} y={top - 12}>
          y from the kernel: {kernelShape}
        </text>
      </g>

      {/* Padded input, window taps filled, window extent outlined. */}
      <g data-testid="conv-padded">
        {padded.values.map((row, r) =>
          row.map((v, c) => {
            const inside = r >= P && r < P + inputRows && c >= P && c < P + inputCols;
            const src = padded.source[r][c];
            return (
              <Cell
                key={`${r}-${c}`}
                x={x0 + c * cs}
                y={top + r * cs}
                size={cs}
                value={formatValue(v, 3)}
                fill={taps.has(`${r}-${c}`) ? C.tap : inside ? '#ffffff' : C.pad}
                color={inside ? C.text : C.muted}
                testId={`conv-padded-${r}-${c}`}
                title={
                  inside
                    ? `x[${r - P}, ${c - P}]`
                    : src
                      ? `padding: copies x[${src[0]}, ${src[1]}]`
                      : 'padding: zero'
                }
              />
            );
          }),
        )}
        <rect
          x={x0 + P * cs}
          y={top + P * cs}
          width={inputCols * cs}
          height={inputRows * cs}
          fill="none"
          stroke="#555555"
          strokeWidth={1.25}
        />
        <rect
          data-testid="conv-window"
          x={x0 + winCol * cs}
          y={top + winRow * cs}
          width={winW * cs}
          height={winH * cs}
          fill="none"
          stroke={C.window}
          strokeWidth={2.5}
          strokeDasharray={dilation > 1 ? '5 3' : undefined}
        />
      </g>

      {/* The kernel as applied. */}
      <g data-testid="conv-applied">
        {applied.map((row, i) =>
          row.map((v, j) => (
            <Cell
              key={`${i}-${j}`}
              x={x1 + j * ks}
              y={top + i * ks}
              size={ks}
              value={formatValue(v, 3)}
              fill="#fdf1e4"
            />
          )),
        )}
      </g>

      {/* The output, one Tab stop. */}
      <g
        tabIndex={0}
        role="group"
        aria-label={`Output y, ${OH} by ${OW}; cell ${cell.r}, ${cell.c} = ${formatValue(output[cell.r]?.[cell.c] ?? Number.NaN)}; arrow keys step`}
        data-testid="conv-output"
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        style={{ outline: 'none' }}
      >
        {output.map((row, r) =>
          row.map((v, c) => (
            <g key={`${r}-${c}`} onPointerDown={() => onCell(r, c)} style={{ cursor: 'pointer' }}>
              <Cell
                x={x2 + c * os}
                y={top + r * os}
                size={os}
                value={formatValue(v, 4)}
                fill={r === cell.r && c === cell.c ? C.tap : '#ffffff'}
                testId={`conv-out-${r}-${c}`}
              />
            </g>
          )),
        )}
        <rect
          x={x2 + cell.c * os}
          y={top + cell.r * os}
          width={os}
          height={os}
          fill="none"
          stroke={C.window}
          strokeWidth={2.5}
        />
        {focused && (
          <rect
            x={x2 - 4}
            y={top - 4}
            width={OW * os + 8}
            height={OH * os + 8}
            fill="none"
            stroke={C.focus}
            strokeWidth={2}
            rx={3}
            data-testid="conv-output-focus"
          />
        )}
      </g>

      {/* Products tap by tap. */}
      <text x={x0} y={pTop - 12} fontSize={12} fontWeight="bold" fill={C.text}>
        y[{cell.r}, {cell.c}]: each tap is {flip ? 'rotated h' : 'h'} × the padded input under it
      </text>
      <g data-testid="conv-products">
        {cell.taps.map((t) => (
          <g key={`${t.i}-${t.j}`}>
            <rect
              x={x0 + t.j * pc}
              y={pTop + t.i * pc}
              width={pc}
              height={pc}
              fill={padded.source[t.row][t.col] ? '#ffffff' : C.pad}
              stroke={C.line}
              strokeWidth={0.75}
            />
            <text
              x={x0 + t.j * pc + pc / 2}
              y={pTop + t.i * pc + pc * 0.38}
              textAnchor="middle"
              fontSize={clamp(Math.round(pc * 0.22), 8, 12)}
              fill={C.muted}
            >
              {formatValue(t.weight, 3)}×{formatValue(t.value, 3)}
            </text>
            <text
              x={x0 + t.j * pc + pc / 2}
              y={pTop + t.i * pc + pc * 0.76}
              textAnchor="middle"
              fontSize={clamp(Math.round(pc * 0.25), 8, 13)}
              fill={C.text}
              data-testid={`conv-product-${t.i}-${t.j}`}
            >
              {formatValue(t.product, 4)}
            </text>
          </g>
        ))}
      </g>
      <g fontSize={13} fill={C.text}>
        <text x={sumX} y={pTop + 18}>
          Σ of the {cell.taps.length} products ={' '}
          <tspan fontWeight="bold" data-testid="conv-sum">
            {formatValue(cell.sum, 6)}
          </tspan>
        </text>
        <text x={sumX} y={pTop + 40}>
          the kernel's y[{cell.r}, {cell.c}] ={' '}
          <tspan fontWeight="bold" data-testid="conv-kernel-value">
            {formatValue(output[cell.r]?.[cell.c] ?? Number.NaN, 6)}
          </tspan>
        </text>
      </g>

      {/* The output size formula with the numbers filled in. */}
      <g fontSize={12} fill={C.text} fontFamily="monospace">
        <text x={x0} y={fTop} data-testid="conv-formula-h">
          H_out = {props.heightFormula.text}
        </text>
        <text x={x0} y={fTop + 18} data-testid="conv-formula-w">
          W_out = {props.widthFormula.text}
        </text>
        <text x={x0} y={fTop + 36} fill={shapeOk ? C.ok : C.bad} fontFamily="sans-serif">
          {shapeOk ? '✓' : '✗'} the kernel's output is {kernelShape}
        </text>
      </g>
    </svg>
  );
}
