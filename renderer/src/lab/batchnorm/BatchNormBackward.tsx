/**
 * Homework 1, the backward pass: batch norm's computational graph for a small batch, forward and
 * backward. The graph's values and edge gradients are computed node by node with the chain rule
 * (batchNormGraph), the closed form dX = γ/(m√(σ²+ε)) · (m dY − ΣdY − Z Σ(dY Z)) beside it, and
 * the kernel library's batchNormTrain + batchNormBackwardTrain beside both, with the differences.
 */
import { useCallback, useMemo, useRef, useState } from 'react';

import type { InstrumentMeta } from '../instrument.js';
import { InstrumentFrame } from '../InstrumentFrame.js';
import { NumberInput } from '../../studio/kernel/NumberInput.js';
import { batchNormBackwardClosedForm } from './batchNormBackwardClosedForm.js';
import { BN_GRAPH_DEFAULTS } from './batchNormDefaults.js';
import { batchNormGraph } from './batchNormGraph.js';
import { batchNormBackwardRequest, batchNormTrainRequest, BN_EPS } from './batchNormRequest.js';
import { GRADIENT_COLOR } from './colors.js';
import { formatNumber, formatVector } from './formatNumber.js';
import { GraphFigure } from './GraphFigure.js';
import { Slider } from './Slider.js';
import { useLabJob, type RunKernel } from '../useLabJob.js';
import './batchnorm.css';

export const BN_GRAPH_META: InstrumentMeta = {
  id: 'bn-graph',
  title: "Batch norm's computational graph",
  question: '1 (backward)',
};

const D = BN_GRAPH_DEFAULTS;
const MAX_M = D.maxM;

const FORMULA = `forward:  μ = (1/m) Σ Xᵢ    σ² = (1/m) Σ (Xᵢ − μ)²    Zᵢ = (Xᵢ − μ)/√(σ² + ε)    Yᵢ = γ Zᵢ + β
backward: ∂L/∂β = Σ dYᵢ    ∂L/∂γ = Σ dYᵢ Zᵢ    ∂L/∂Zᵢ = γ dYᵢ
          ∂L/∂σ² = −½ (σ² + ε)^(−3/2) Σ ∂L/∂Zᵢ · (Xᵢ − μ)
          ∂L/∂μ = −Σ ∂L/∂Zᵢ / √(σ² + ε) + ∂L/∂σ² · (−2/m) Σ (Xᵢ − μ)
          ∂L/∂Xᵢ = ∂L/∂Zᵢ / √(σ² + ε) + ∂L/∂σ² · 2(Xᵢ − μ)/m + ∂L/∂μ / m
closed form: dX = γ / (m √(σ² + ε)) · (m dY − Σ dY − Z Σ (dY Z))        ε = ${formatNumber(BN_EPS)}`;

const f32 = (v: number[]) => Float32Array.from(v);

export function BatchNormBackward() {
  const [m, setM] = useState<number>(D.m);
  const [xAll, setXAll] = useState<number[]>([...D.x]);
  // One upstream gradient on the first output: it still reaches every input, through μ and σ².
  const [dyAll, setDyAll] = useState<number[]>([...D.dy]);
  const [gamma, setGamma] = useState<number>(D.gamma);
  const [beta, setBeta] = useState<number>(D.beta);
  const figure = useRef<SVGSVGElement>(null);

  // The kernel computes in float32: the graph and the closed form take the same rounded inputs.
  const x32 = useMemo(() => f32(xAll.slice(0, m)), [xAll, m]);
  const dy32 = useMemo(() => f32(dyAll.slice(0, m)), [dyAll, m]);
  const x = Array.from(x32);
  const dy = Array.from(dy32);
  const gamma32 = Math.fround(gamma);
  const beta32 = Math.fround(beta);

  const graph = batchNormGraph(x, dy, gamma32, beta32, BN_EPS);
  const closed = batchNormBackwardClosedForm(x, dy, gamma32, BN_EPS);
  const forwardRequest = useMemo(() => batchNormTrainRequest(x32, m, 1, gamma, beta), [x32, m, gamma, beta]);
  // Forward then backward in one job, so the backward always uses this X's saved statistics.
  const job = useCallback(
    async (run: RunKernel) => {
      const forward = await run(forwardRequest);
      return { forward, backward: await run(batchNormBackwardRequest(x32, m, 1, dy32, gamma, forward)) };
    },
    [forwardRequest, x32, m, dy32, gamma],
  );
  const kernel = useLabJob(job);
  const kernelDx = kernel.value ? Array.from(kernel.value.backward.dx.data) : null;
  const kernelY = kernel.value ? Array.from(kernel.value.forward.y.data) : null;
  const dxDiff = kernelDx ? Math.max(...kernelDx.map((v, i) => Math.abs(closed.dx[i] - v))) : null;
  const graphDx = graph.grads.X as number[];
  const graphVsClosed = Math.max(...graphDx.map((v, i) => Math.abs(v - closed.dx[i])));
  const dxSum = closed.dx.reduce((a, b) => a + b, 0);

  const setEntry = (setter: typeof setXAll, i: number) => (v: number) =>
    setter((old) => old.map((e, j) => (j === i ? v : e)));

  const controls = (
    <>
      <fieldset className="bn-controls-group">
        <legend>Batch</legend>
        <Slider
          label="batch size m"
          value={m}
          min={2}
          max={MAX_M}
          step={1}
          onValue={setM}
          testId="bngraph-m"
        />
        <div className="bn-vector-inputs" style={{ ['--bn-m' as string]: m }}>
          <span>X</span>
          {x.map((_, i) => (
            <NumberInput
              key={`x${i}`}
              value={xAll[i]}
              onValue={setEntry(setXAll, i)}
              min={-100}
              max={100}
              aria-label={`X${i + 1}`}
              data-testid={`bngraph-x-${i}`}
            />
          ))}
          <span>dY</span>
          {dy.map((_, i) => (
            <NumberInput
              key={`dy${i}`}
              value={dyAll[i]}
              onValue={setEntry(setDyAll, i)}
              min={-100}
              max={100}
              aria-label={`dY${i + 1} (upstream gradient)`}
              data-testid={`bngraph-dy-${i}`}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="bn-controls-group">
        <legend>Parameters</legend>
        <Slider
          label="γ (scale)"
          value={gamma}
          min={-2}
          max={3}
          step={0.1}
          onValue={setGamma}
          testId="bngraph-gamma"
        />
        <Slider
          label="β (shift)"
          value={beta}
          min={-3}
          max={3}
          step={0.1}
          onValue={setBeta}
          testId="bngraph-beta"
        />
      </fieldset>
    </>
  );

  return (
    <InstrumentFrame
      meta={BN_GRAPH_META}
      summary={
        <p>
          Batch norm of one feature over a batch of m values as a computational graph. Forward, values flow
          from X through μ and σ² to Z and Y; backward, the upstream gradient dY flows back along every edge,
          and each node&apos;s gradient is the sum over its outgoing edges. X reaches Z three ways (directly,
          through μ and through σ²), so one output&apos;s gradient moves every input, and ΣdX = 0. The chain
          rule on the graph, the closed form and the kernel library&apos;s backward pass are compared in the
          table.
        </p>
      }
      formula={FORMULA}
      controls={controls}
      figure={figure}
    >
      <GraphFigure
        graph={graph}
        svgRef={figure}
        footer={
          <>
            <text y={-16} data-testid="bngraph-footer-closed">
              dX, closed form: {formatVector(closed.dx)}
            </text>
            <text data-testid="bngraph-footer">
              dX, kernel: {kernelDx ? formatVector(kernelDx) : '…'}; max |closed − kernel| ={' '}
              <tspan fill={GRADIENT_COLOR}>{dxDiff === null ? '…' : formatNumber(dxDiff, 2)}</tspan>
            </text>
          </>
        }
      />
      <p className="bn-status muted" aria-live="polite" data-testid="bngraph-status">
        {kernel.error ?? (kernel.busy ? 'Computing…' : '')}
      </p>
      <table className="bn-readout" data-testid="bngraph-readout">
        <caption>
          dX three ways: the chain rule on the graph, the closed form, the kernel (float32); Σ dX (closed
          form) = {formatNumber(dxSum, 2)}
        </caption>
        <thead>
          <tr>
            <th scope="col">i</th>
            <th scope="col">Xᵢ</th>
            <th scope="col">Zᵢ</th>
            <th scope="col">Yᵢ (kernel)</th>
            <th scope="col">dYᵢ</th>
            <th scope="col">dXᵢ graph</th>
            <th scope="col">dXᵢ closed form</th>
            <th scope="col">dXᵢ kernel</th>
            <th scope="col">closed − kernel</th>
          </tr>
        </thead>
        <tbody>
          {x.map((v, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              <td>{formatNumber(v)}</td>
              <td>{formatNumber(closed.z[i], 5)}</td>
              <td>{kernelY ? formatNumber(kernelY[i], 5) : '…'}</td>
              <td>{formatNumber(dy[i])}</td>
              <td>{formatNumber(graphDx[i], 6)}</td>
              <td data-testid={`bngraph-dx-closed-${i}`}>{formatNumber(closed.dx[i], 6)}</td>
              <td data-testid={`bngraph-dx-kernel-${i}`}>{kernelDx ? formatNumber(kernelDx[i], 6) : '…'}</td>
              <td>{kernelDx ? formatNumber(closed.dx[i] - kernelDx[i], 2) : '…'}</td>
            </tr>
          ))}
          <tr>
            <td colSpan={5}>∂L/∂γ = Σ dY Z (graph · closed form · kernel)</td>
            <td>{formatNumber(graph.grads.gamma as number, 6)}</td>
            <td>{formatNumber(closed.dgamma, 6)}</td>
            <td data-testid="bngraph-dgamma-kernel">
              {kernel.value ? formatNumber(kernel.value.backward.dgamma.data[0], 6) : '…'}
            </td>
            <td>
              {kernel.value ? formatNumber(closed.dgamma - kernel.value.backward.dgamma.data[0], 2) : '…'}
            </td>
          </tr>
          <tr>
            <td colSpan={5}>∂L/∂β = Σ dY (graph · closed form · kernel)</td>
            <td>{formatNumber(graph.grads.beta as number, 6)}</td>
            <td>{formatNumber(closed.dbeta, 6)}</td>
            <td>{kernel.value ? formatNumber(kernel.value.backward.dbeta.data[0], 6) : '…'}</td>
            <td>
              {kernel.value ? formatNumber(closed.dbeta - kernel.value.backward.dbeta.data[0], 2) : '…'}
            </td>
          </tr>
        </tbody>
      </table>
      <p className="bn-note muted">
        Chain rule on the graph against the closed form: max |Δ| = {formatNumber(graphVsClosed, 2)} (double
        precision); the kernel computes in float32, so its differences are a few float32 roundings (2^−23 ={' '}
        {formatNumber(2 ** -23, 2)} relative).
      </p>
    </InstrumentFrame>
  );
}
