/**
 * Question 3(c) drawn: the input pixel grid of L stacked K×K stride-1 convolutions, with the
 * window each layer's middle unit sees (nested, one colour per layer) and the closed form beside
 * architecture.ts's value.
 */
import { layerColor } from './layerColors.js';
import type { NestedWindows } from './nestedWindows.js';

export interface NestedWindowsFigureProps {
  x: number;
  y: number;
  /** Side of the drawn grid in pixels. */
  side: number;
  layers: number;
  kernel: number;
  nested: NestedWindows;
}

export function NestedWindowsFigure({ x, y, side, layers, kernel, nested }: NestedWindowsFigureProps) {
  const n = nested.grid;
  const cell = side / n;
  const last = nested.windows[nested.windows.length - 1];
  const closedForm = layers * (kernel - 1) + 1;
  // Inner windows are inset a little more, so windows that share an edge stay visible.
  const step = Math.min(1.5, cell / (2 * (layers + 1)));
  const lines = [];
  for (let i = 0; i <= n; i++) {
    lines.push(<line key={`h${i}`} x1={x} x2={x + side} y1={y + i * cell} y2={y + i * cell} />);
    lines.push(<line key={`v${i}`} y1={y} y2={y + side} x1={x + i * cell} x2={x + i * cell} />);
  }
  return (
    <g fontFamily="sans-serif" data-testid="nested-windows">
      <text x={x} y={y - 40} fontSize={13} fontWeight="bold" fill="#222222">
        3(c) L = {layers} stacked {kernel}×{kernel} convs, stride 1
      </text>
      <text x={x} y={y - 22} fontSize={12} fill="#222222" data-testid="rf-closed-form">
        r = L(K−1)+1 = {layers}·({kernel}−1)+1 = {closedForm}
      </text>
      <text x={x} y={y - 6} fontSize={12} fill="#555555" data-testid="rf-architecture">
        architecture.ts, layer {layers}: {last.size}×{last.size}
      </text>
      <rect x={x} y={y} width={side} height={side} fill="#ffffff" />
      <g stroke="#dddddd" strokeWidth={n > 30 ? 0.5 : 1}>
        {lines}
      </g>
      {nested.windows.map((w) => {
        const inset = (layers - w.layer) * step;
        return (
          <rect
            key={w.layer}
            data-testid={`window-${w.layer}`}
            x={x + w.left * cell + inset}
            y={y + w.top * cell + inset}
            width={(w.right - w.left + 1) * cell - 2 * inset}
            height={(w.bottom - w.top + 1) * cell - 2 * inset}
            fill={w.layer === 0 ? layerColor(0) : 'none'}
            stroke={layerColor(w.layer)}
            strokeWidth={2}
          />
        );
      })}
      <g fontSize={11}>
        {nested.windows.map((w, i) => (
          <g
            key={w.layer}
            transform={`translate(${x + (i % 3) * 95},${y + side + 20 + Math.floor(i / 3) * 17})`}
          >
            <rect width={10} height={10} y={-9} fill={layerColor(w.layer)} />
            <text x={14} fill="#222222">
              {w.layer === 0 ? 'pixel' : `layer ${w.layer}`}: {w.size}×{w.size}
            </text>
          </g>
        ))}
      </g>
    </g>
  );
}
