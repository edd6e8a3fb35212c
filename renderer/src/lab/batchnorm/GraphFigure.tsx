/**
 * Batch norm's computational graph as SVG: nodes as boxes holding their forward values (black)
 * and gradients ∂L/∂node (red), edges carrying their forward value (→) and the gradient through
 * that edge (←). Vectors are printed one element per row. The edge X → Z is drawn as an arc over
 * μ: X, μ, σ² and Z are all joined to each other, and one of those six edges has to go round.
 */
import type { ReactNode, Ref } from 'react';

import type { BatchNormGraph, GraphValue, NodeId } from './batchNormGraph.js';
import { boxBoundaryPoint } from './boxBoundaryPoint.js';
import { FAINT, GRADIENT_COLOR, INK } from './colors.js';
import { formatNumber } from './formatNumber.js';

export const GRAPH_WIDTH = 780;
export const GRAPH_HEIGHT = 640;
const ROW = 15;
/** The height the arc X → Z reaches (its label sits there). */
const ARC_TOP = 112;
const HEAD = 20;
const BOX_W = 110;
const LABEL_COL = 46;

const NAMES: Record<NodeId, string> = {
  X: 'X (input)',
  gamma: 'γ (scale)',
  beta: 'β (shift)',
  mu: 'μ = mean(X)',
  var: 'σ² = mean((X−μ)²)',
  Z: 'Z = (X−μ)/√(σ²+ε)',
  Y: 'Y = γZ + β',
};

const CENTERS: Record<NodeId, [number, number]> = {
  X: [65, 360],
  mu: [281, 262],
  var: [281, 500],
  Z: [497, 360],
  Y: [713, 360],
  gamma: [713, 170],
  beta: [713, 560],
};

/** Where each edge's label sits (its centre), chosen by hand to keep labels off the boxes. */
const LABELS: Record<string, [number, number]> = {
  'X-mu': [171, 306],
  'X-var': [171, 446],
  'X-Z': [281, ARC_TOP],
  'mu-var': [281, 384],
  'mu-Z': [389, 306],
  'var-Z': [389, 436],
  'Z-Y': [605, 360],
  'gamma-Y': [713, 264],
  'beta-Y': [713, 466],
};

const fmt = (v: number) => formatNumber(v, 3);
const list = (v: GraphValue): number[] => (typeof v === 'number' ? [v] : v);

function size(value: GraphValue): [number, number] {
  const rows = list(value).length;
  return [BOX_W, HEAD + rows * ROW + 6];
}

/** Two right-aligned columns: forward values and gradients. */
function columns(left: number[], right: number[], x: number, y: number, width: number, testId?: string) {
  return (
    <g fontSize={11} textAnchor="end" data-testid={testId}>
      {left.map((v, i) => (
        <text key={`f${i}`} x={x + width / 2 - 4} y={y + i * ROW} fill={INK}>
          {fmt(v)}
        </text>
      ))}
      {right.map((v, i) => (
        <text key={`g${i}`} x={x + width - 6} y={y + i * ROW} fill={GRADIENT_COLOR}>
          {fmt(v)}
        </text>
      ))}
    </g>
  );
}

export interface GraphFigureProps {
  graph: BatchNormGraph;
  /** A line under the graph (the kernel's dX against the closed form). */
  footer: ReactNode;
  svgRef: Ref<SVGSVGElement>;
}

export function GraphFigure({ graph, footer, svgRef }: GraphFigureProps) {
  const node = (id: NodeId) => {
    const [cx, cy] = CENTERS[id];
    const [w, h] = size(graph.values[id]);
    const top = cy - h / 2;
    return (
      <g key={id} data-testid={`bn-graph-node-${id}`}>
        <rect
          x={cx - w / 2}
          y={top}
          width={w}
          height={h}
          rx={5}
          fill="#f6f8fb"
          stroke={INK}
          strokeWidth={1.2}
        />
        <text x={cx} y={top + 14} textAnchor="middle" fontSize={11} fontWeight="bold" fill={INK}>
          {NAMES[id]}
        </text>
        {columns(list(graph.values[id]), list(graph.grads[id]), cx - w / 2, top + HEAD + 11, w)}
      </g>
    );
  };
  const edge = (i: number) => {
    const e = graph.edges[i];
    const key = `${e.from}-${e.to}`;
    const a = CENTERS[e.from];
    const b = CENTERS[e.to];
    const [aw, ah] = size(graph.values[e.from]);
    const [bw, bh] = size(graph.values[e.to]);
    let d: string;
    if (key === 'X-Z') {
      // Over the top of μ, from X's top edge to Z's.
      const y0 = a[1] - ah / 2;
      const y1 = b[1] - bh / 2;
      // A cubic's midpoint height is (y0 + y1)/8 + 3/4 of the control height.
      const control = (ARC_TOP - (y0 + y1) / 8) / 0.75;
      d = `M${a[0]},${y0} C${a[0]},${control} ${b[0]},${control} ${b[0]},${y1 - 3}`;
    } else {
      const p = boxBoundaryPoint(a, aw / 2, ah / 2, b);
      const q = boxBoundaryPoint(b, bw / 2 + 3, bh / 2 + 3, a);
      d = `M${p[0].toFixed(1)},${p[1].toFixed(1)} L${q[0].toFixed(1)},${q[1].toFixed(1)}`;
    }
    return (
      <path key={key} d={d} fill="none" stroke={FAINT} strokeWidth={1.6} markerEnd="url(#bn-graph-arrow)" />
    );
  };
  const label = (i: number) => {
    const e = graph.edges[i];
    const key = `${e.from}-${e.to}`;
    const [cx, cy] = LABELS[key];
    const forward = list(e.forward);
    const grad = list(e.grad);
    const w = 2 * LABEL_COL + 12;
    const h = forward.length * ROW + 6;
    return (
      <g key={`label-${key}`} data-testid={`bn-graph-edge-${key}`}>
        <rect x={cx - w / 2} y={cy - h / 2} width={w} height={h} rx={3} fill="#ffffff" stroke="#d8d8d8" />
        {columns(forward, grad, cx - w / 2, cy - h / 2 + 14, w)}
      </g>
    );
  };
  return (
    <svg
      ref={svgRef}
      width={GRAPH_WIDTH}
      height={GRAPH_HEIGHT}
      viewBox={`0 0 ${GRAPH_WIDTH} ${GRAPH_HEIGHT}`}
      role="img"
      aria-label="Batch norm's computational graph with forward values and gradients"
      data-testid="bn-graph-figure"
      fontFamily="sans-serif"
    >
      <defs>
        <marker
          id="bn-graph-arrow"
          viewBox="0 0 10 10"
          refX={9}
          refY={5}
          markerWidth={7}
          markerHeight={7}
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 Z" fill={FAINT} />
        </marker>
      </defs>
      <rect width={GRAPH_WIDTH} height={GRAPH_HEIGHT} fill="#ffffff" />
      <g fontSize={12} fill={INK}>
        <text x={12} y={20}>
          Left column: <tspan fontWeight="bold">forward value</tspan>. Right column:{' '}
          <tspan fill={GRADIENT_COLOR} fontWeight="bold">
            gradient
          </tspan>{' '}
          for the upstream dY — in a box ∂L/∂node; on an edge ∂L/∂(its source)
        </text>
        <text x={12} y={36}>
          through that edge alone. A node&apos;s gradient is the sum over its outgoing edges.
        </text>
      </g>
      {graph.edges.map((_, i) => edge(i))}
      {graph.edges.map((_, i) => label(i))}
      {(Object.keys(CENTERS) as NodeId[]).map(node)}
      <g fontSize={12} fill={INK} transform={`translate(12,${GRAPH_HEIGHT - 14})`}>
        {footer}
      </g>
    </svg>
  );
}
