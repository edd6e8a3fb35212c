/**
 * Instrument 6, questions 3(a), 3(c)–(e): feature shapes and receptive fields. The network is
 * edited block by block (or typed in architecture.ts's grammar) and every number shown — the
 * parameter and activation table, receptive fields and jumps, MACs, the nested windows of L
 * stacked K×K convs and the effect of a pooling layer — is computed by architecture.ts.
 */
import { useEffect, useMemo, useRef, useState } from 'react';

import {
  ArchitectureError,
  computeLayerTable,
  parseArchitecture,
  type LayerTable,
} from '../../../../native-kernels/architecture.js';
import { InstrumentFrame } from '../InstrumentFrame.js';
import type { InstrumentMeta } from '../instrument.js';
import { architectureText, type DraftBlock, type NetworkDraft } from './architectureText.js';
import { BlockEditor } from './BlockEditor.js';
import { formatCount, formatNumber } from './formatNumber.js';
import { homeworkNetwork } from './homeworkNetwork.js';
import { LayerTableView, PoolComparisonTable } from './LayerTableView.js';
import { nestedWindows } from './nestedWindows.js';
import { NestedWindowsFigure } from './NestedWindowsFigure.js';
import { poolComparison, type PoolComparison } from './poolComparison.js';
import { MacsPanel, ReceptiveFieldPanel } from './PoolEffectChart.js';
import './network.css';

export const SHAPES_META: InstrumentMeta = {
  id: 'shapes',
  title: 'Feature shapes and receptive fields',
  question: '3(a), 3(c)–(e)',
};

const FORMULA = `conv K×K, F filters, stride S, padding P on H×W×C:
  parameters = K·K·C·F + F      output = H′×W′×F,  H′ = ⌊(H + 2P − K)/S⌋ + 1
  MACs = H′·W′·F·K·K·C          FC after H×W×C: H·W·C·units + units
receptive field: r = r′ + (K−1)·j′,  jump j = j′·S   (input: r = 1, j = 1)
  L stacked K×K stride-1 convs: r = L(K−1) + 1`;

const WIDTH = 700;
const HEIGHT = 640;

/** The table of a draft, or the grammar's error about it. */
function tableOf(draft: NetworkDraft): { table: LayerTable | null; error: ArchitectureError | null } {
  try {
    return { table: computeLayerTable(parseArchitecture(architectureText(draft))), error: null };
  } catch (e) {
    if (e instanceof ArchitectureError) return { table: null, error: e };
    throw e;
  }
}

export function ShapesInstrument() {
  const figure = useRef<SVGSVGElement>(null);
  const [draft, setDraft] = useState<NetworkDraft>(homeworkNetwork);
  const [layers, setLayers] = useState(3);
  const [kernel, setKernel] = useState(3);
  /** Index in draft.blocks of the pool to compare without; 'first' follows the first pool. */
  const [compare, setCompare] = useState<number | 'first' | 'none'>('first');

  const { table, error } = useMemo(() => tableOf(draft), [draft]);
  const nested = useMemo(() => nestedWindows(layers, kernel), [layers, kernel]);
  const pools = draft.blocks.flatMap((b, i) => (b.kind === 'pool' ? [i] : []));
  const poolIndex =
    compare === 'none'
      ? null
      : compare === 'first'
        ? (pools[0] ?? null)
        : pools.includes(compare)
          ? compare
          : null;
  const comparison = useMemo<PoolComparison | null>(() => {
    if (table === null || poolIndex === null) return null;
    try {
      return poolComparison(draft, poolIndex);
    } catch {
      return null; // the network without the pool may not fit together (a map too large for nothing)
    }
  }, [draft, table, poolIndex]);

  return (
    <InstrumentFrame
      meta={SHAPES_META}
      summary={
        <p>
          Build a network from CONV, POOL, FC and GAP blocks (the homework&apos;s network to start) and read
          its parameter and activation table 3(e), each layer&apos;s receptive field with the step that grows
          it, and its multiply-accumulates. The picture shows the window L stacked K×K stride-1 convolutions
          see; the charts show what one pooling layer does to later receptive fields and MACs. Everything is
          computed by the architecture parser (the CLI&apos;s <code>convscope shapes</code>).
        </p>
      }
      formula={FORMULA}
      figure={figure}
      controls={
        <>
          <fieldset className="net-group">
            <legend>3(c) stacked convolutions</legend>
            <label className="net-slider">
              <span>
                L = <output data-testid="rf-l-value">{layers}</output> layers
              </span>
              <input
                type="range"
                min={1}
                max={8}
                value={layers}
                data-testid="rf-l"
                onChange={(e) => setLayers(Number(e.target.value))}
              />
            </label>
            <label className="net-slider">
              <span>
                K = <output data-testid="rf-k-value">{kernel}</output> (kernel side)
              </span>
              <input
                type="range"
                min={1}
                max={7}
                value={kernel}
                data-testid="rf-k"
                onChange={(e) => setKernel(Number(e.target.value))}
              />
            </label>
          </fieldset>
          <fieldset className="net-group">
            <legend>3(d) compare without a pool</legend>
            <select
              aria-label="pooling layer to compare without"
              data-testid="compare-pool"
              value={poolIndex === null ? 'none' : String(poolIndex)}
              onChange={(e) => setCompare(e.target.value === 'none' ? 'none' : Number(e.target.value))}
            >
              <option value="none">no comparison</option>
              {pools.map((i) => (
                <option key={i} value={i}>
                  without {table?.layers[i + 1]?.name ?? 'POOL'} (block #{i + 1})
                </option>
              ))}
            </select>
          </fieldset>
          <fieldset className="net-group">
            <legend>Network (3(e))</legend>
            <BlockEditor draft={draft} onChange={setDraft} errorPosition={error?.position ?? null} />
            <ArchitectureField draft={draft} onApply={setDraft} />
            <button type="button" data-testid="shapes-reset" onClick={() => setDraft(homeworkNetwork())}>
              Homework network
            </button>
          </fieldset>
        </>
      }
    >
      <svg
        ref={figure}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label="Receptive field of stacked convolutions, and receptive field and MACs per layer"
        data-testid="shapes-figure"
        fontFamily="sans-serif"
      >
        <rect width={WIDTH} height={HEIGHT} fill="#ffffff" />
        <NestedWindowsFigure x={20} y={64} side={270} layers={layers} kernel={kernel} nested={nested} />
        {table && (
          <>
            <ReceptiveFieldPanel
              x={330}
              y={22}
              width={350}
              height={250}
              table={table}
              comparison={comparison}
            />
            <MacsPanel x={20} y={430} width={660} height={150} table={table} comparison={comparison} />
          </>
        )}
      </svg>
      {error && (
        <p className="error-text" role="alert" data-testid="shapes-error">
          {error.message}
        </p>
      )}
      <p className="mono small" data-testid="shapes-architecture">
        {architectureText(draft)}
      </p>
      {comparison && <PoolEffectText comparison={comparison} />}
      {table && <LayerTableView table={table} />}
      {comparison && <PoolComparisonTable comparison={comparison} />}
    </InstrumentFrame>
  );
}

/** 3(d) in words, with the numbers of the first convolution after the pool. */
function PoolEffectText({ comparison }: { comparison: PoolComparison }) {
  const { pool, nextConv: c } = comparison;
  const prevJump = comparison.withTable.layers[comparison.block]?.receptiveField.jump ?? 1;
  const b = pool.block as DraftBlock & { kind: 'pool' };
  return (
    <p className="net-note" data-testid="pool-effect-text">
      After {pool.name} the jump is {prevJump}·{b.stride} = {pool.receptiveField.jump}
      {pool.receptiveField.kind === 'local'
        ? ` and the field is ${pool.receptiveField.size}×${pool.receptiveField.size}`
        : ''}
      .
      {c &&
        ` The next ${c.name} adds (${c.kernel}−1)·${c.jumpWith} = ${c.growthWith} pixels to the field, against ` +
          `(${c.kernel}−1)·${c.jumpWithout} = ${c.growthWithout} without the pool; its MACs are ` +
          `${formatCount(c.macsWith)} against ${formatCount(c.macsWithout)}` +
          (c.macsWith > 0 ? ` (÷${formatNumber(c.macsWithout / c.macsWith, 4)}).` : '.')}
    </p>
  );
}

/** The network in the grammar, editable as text; applied on Enter or the button. */
function ArchitectureField({ draft, onApply }: { draft: NetworkDraft; onApply(d: NetworkDraft): void }) {
  const current = architectureText(draft);
  const [text, setText] = useState(current);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(current);
    setError(null);
  }, [current]);
  const apply = () => {
    try {
      const [input, ...rest] = parseArchitecture(text);
      if (input.kind !== 'input') return;
      onApply({
        input: { height: input.height, width: input.width, channels: input.channels },
        blocks: rest.map(({ source: _s, position: _p, ...spec }) => spec as DraftBlock),
      });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="net-arch">
      <label htmlFor="shapes-arch-text">Or type it (architecture grammar)</label>
      <textarea
        id="shapes-arch-text"
        rows={3}
        value={text}
        data-testid="shapes-arch-text"
        aria-invalid={error !== null}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            apply();
          }
        }}
      />
      <button type="button" data-testid="shapes-arch-apply" onClick={apply}>
        Apply
      </button>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
