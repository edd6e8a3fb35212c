/**
 * The network of question 3 as a list of blocks: the input's size, then each block with its
 * hyperparameters (K, F, stride, padding; K for pools; outputs for FC), reorderable and removable;
 * new CONV and POOL blocks go before the first flatten/GAP/FC so the network stays well formed.
 */
import { useState } from 'react';

import type { DraftBlock, NetworkDraft } from './architectureText.js';
import { IntField } from './IntField.js';

type Kind = 'conv' | 'pool' | 'avgpool' | 'fc' | 'gap' | 'flatten' | 'relu';

const KINDS: { id: Kind; label: string }[] = [
  { id: 'conv', label: 'CONV' },
  { id: 'pool', label: 'POOL (max)' },
  { id: 'avgpool', label: 'AVGPOOL' },
  { id: 'fc', label: 'FC' },
  { id: 'gap', label: 'GAP' },
  { id: 'flatten', label: 'FLATTEN' },
  { id: 'relu', label: 'RELU' },
];

function kindOf(b: DraftBlock): Kind | null {
  if (b.kind === 'pool') return b.op === 'avg' ? 'avgpool' : 'pool';
  return KINDS.some((k) => k.id === b.kind) ? (b.kind as Kind) : null;
}

/** A fresh block of a kind, with the homework's defaults (CONV3-10, POOL2, FC-3). */
function defaultBlock(kind: Kind): DraftBlock {
  switch (kind) {
    case 'conv':
      return { kind: 'conv', kernel: 3, filters: 10, stride: 1, padding: 1, dilation: 1 };
    case 'pool':
    case 'avgpool':
      return { kind: 'pool', op: kind === 'avgpool' ? 'avg' : 'max', kernel: 2, stride: 2, padding: 0 };
    case 'fc':
      return { kind: 'fc', units: 3 };
    default:
      return { kind };
  }
}

export interface BlockEditorProps {
  draft: NetworkDraft;
  onChange(draft: NetworkDraft): void;
  /** 1-based position of the block an error is about (as architecture.ts counts, input = 1). */
  errorPosition: number | null;
}

export function BlockEditor({ draft, onChange, errorPosition }: BlockEditorProps) {
  const [adding, setAdding] = useState<Kind>('conv');
  const setBlocks = (blocks: DraftBlock[]) => onChange({ ...draft, blocks });
  const update = (i: number, block: DraftBlock) =>
    setBlocks(draft.blocks.map((b, j) => (j === i ? block : b)));
  const move = (i: number, by: number) => {
    const blocks = [...draft.blocks];
    const [b] = blocks.splice(i, 1);
    blocks.splice(i + by, 0, b);
    setBlocks(blocks);
  };
  const add = () => {
    const block = defaultBlock(adding);
    const spatial = block.kind === 'conv' || block.kind === 'pool';
    const firstVector = draft.blocks.findIndex(
      (b) => b.kind === 'flatten' || b.kind === 'gap' || b.kind === 'fc',
    );
    const at = spatial && firstVector >= 0 ? firstVector : draft.blocks.length;
    setBlocks([...draft.blocks.slice(0, at), block, ...draft.blocks.slice(at)]);
  };
  const input = draft.input;
  return (
    <div className="net-blocks" data-testid="block-editor">
      <fieldset className="net-block">
        <legend>Input H×W×C</legend>
        <div className="net-fields">
          <IntField
            label="H"
            title="input height"
            value={input.height}
            min={1}
            max={4096}
            testId="input-height"
            onChange={(height) => onChange({ ...draft, input: { ...input, height } })}
          />
          <IntField
            label="W"
            title="input width"
            value={input.width}
            min={1}
            max={4096}
            onChange={(width) => onChange({ ...draft, input: { ...input, width } })}
          />
          <IntField
            label="C"
            title="input channels"
            value={input.channels}
            min={1}
            max={4096}
            onChange={(channels) => onChange({ ...draft, input: { ...input, channels } })}
          />
        </div>
      </fieldset>
      <ol className="net-block-list">
        {draft.blocks.map((b, i) => {
          const kind = kindOf(b);
          const bad = errorPosition === i + 2;
          return (
            <li key={i} className="net-block" data-invalid={bad} data-testid={`block-${i}`}>
              <div className="net-block-head">
                <span className="muted">#{i + 1}</span>
                {kind === null ? (
                  <span>{b.kind.toUpperCase()}</span>
                ) : (
                  <select
                    aria-label={`block ${i + 1} kind`}
                    value={kind}
                    data-testid={`block-${i}-kind`}
                    onChange={(e) => update(i, defaultBlock(e.target.value as Kind))}
                  >
                    {KINDS.map((k) => (
                      <option key={k.id} value={k.id}>
                        {k.label}
                      </option>
                    ))}
                  </select>
                )}
                <span className="net-block-buttons">
                  <button
                    type="button"
                    aria-label={`move block ${i + 1} up`}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={`move block ${i + 1} down`}
                    disabled={i === draft.blocks.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    aria-label={`remove block ${i + 1}`}
                    data-testid={`block-${i}-remove`}
                    onClick={() => setBlocks(draft.blocks.filter((_, j) => j !== i))}
                  >
                    ✕
                  </button>
                </span>
              </div>
              <BlockFields block={b} index={i} onChange={(nb) => update(i, nb)} />
            </li>
          );
        })}
      </ol>
      <div className="net-add">
        <select
          aria-label="kind of block to add"
          value={adding}
          onChange={(e) => setAdding(e.target.value as Kind)}
        >
          {KINDS.map((k) => (
            <option key={k.id} value={k.id}>
              {k.label}
            </option>
          ))}
        </select>
        <button type="button" data-testid="block-add" onClick={add}>
          Add block
        </button>
      </div>
    </div>
  );
}

function BlockFields({
  block,
  index,
  onChange,
}: {
  block: DraftBlock;
  index: number;
  onChange(b: DraftBlock): void;
}) {
  const id = (f: string) => `block-${index}-${f}`;
  if (block.kind === 'conv')
    return (
      <div className="net-fields">
        <IntField
          label="K"
          title="kernel size K"
          value={block.kernel}
          min={1}
          max={64}
          testId={id('k')}
          onChange={(kernel) =>
            // 'Same' padding follows the kernel when it was the default floor(K/2).
            onChange({
              ...block,
              kernel,
              padding:
                block.padding === Math.floor(block.kernel / 2) ? Math.floor(kernel / 2) : block.padding,
            })
          }
        />
        <IntField
          label="F"
          title="filters F"
          value={block.filters}
          min={1}
          max={4096}
          testId={id('f')}
          onChange={(filters) => onChange({ ...block, filters })}
        />
        <IntField
          label="S"
          title="stride S"
          value={block.stride}
          min={1}
          max={64}
          testId={id('s')}
          onChange={(stride) => onChange({ ...block, stride })}
        />
        <IntField
          label="P"
          title="padding P"
          value={block.padding}
          min={0}
          max={64}
          testId={id('p')}
          onChange={(padding) => onChange({ ...block, padding })}
        />
      </div>
    );
  if (block.kind === 'pool')
    return (
      <div className="net-fields">
        <IntField
          label="K"
          title="pool size K"
          value={block.kernel}
          min={1}
          max={64}
          testId={id('k')}
          onChange={(kernel) =>
            onChange({ ...block, kernel, stride: block.stride === block.kernel ? kernel : block.stride })
          }
        />
        <IntField
          label="S"
          title="stride S"
          value={block.stride}
          min={1}
          max={64}
          testId={id('s')}
          onChange={(stride) => onChange({ ...block, stride })}
        />
        <IntField
          label="P"
          title="padding P"
          value={block.padding}
          min={0}
          max={32}
          testId={id('p')}
          onChange={(padding) => onChange({ ...block, padding })}
        />
      </div>
    );
  if (block.kind === 'fc')
    return (
      <div className="net-fields">
        <IntField
          wide
          label="outputs"
          title="output units"
          value={block.units}
          min={1}
          max={100000}
          testId={id('units')}
          onChange={(units) => onChange({ ...block, units })}
        />
      </div>
    );
  return null;
}
