/**
 * The weights of 3(f)'s network, each editable: conv1 (3 filters of 2×2 on 1 channel), conv2
 * (3 filters of 2×2 on 3 channels), FC (3×3), each with its 3 biases. A field keeps its own text
 * while typed and applies only finite numbers.
 */
import { useEffect, useState } from 'react';

import type { InvarianceWeights } from './seededWeights.js';

export interface WeightEditorProps {
  weights: InvarianceWeights;
  onChange(weights: InvarianceWeights): void;
}

type Layer = keyof InvarianceWeights;

export function WeightEditor({ weights, onChange }: WeightEditorProps) {
  const set = (layer: Layer, part: 'w' | 'b', index: number, value: number) =>
    onChange({
      ...weights,
      [layer]: { ...weights[layer], [part]: weights[layer][part].map((v, i) => (i === index ? value : v)) },
    });
  const rows = (layer: Layer, per: number, name: (row: number) => string) => {
    const w = weights[layer].w;
    return Array.from({ length: w.length / per }, (_, r) => (
      <div key={r} className="net-weight-row">
        <span className="muted small">{name(r)}</span>
        <div className="net-weight-grid" style={{ gridTemplateColumns: `repeat(${per}, 1fr)` }}>
          {Array.from({ length: per }, (_, k) => (
            <FloatField
              key={k}
              label={`${layer} ${name(r)} weight ${k + 1}`}
              value={w[r * per + k]}
              testId={`weight-${layer}-${r * per + k}`}
              onChange={(v) => set(layer, 'w', r * per + k, v)}
            />
          ))}
        </div>
      </div>
    ));
  };
  const biases = (layer: Layer) => (
    <div className="net-weight-row">
      <span className="muted small">bias</span>
      <div className="net-weight-grid" style={{ gridTemplateColumns: 'repeat(3, 1fr)' }}>
        {weights[layer].b.map((v, k) => (
          <FloatField
            key={k}
            label={`${layer} bias ${k + 1}`}
            value={v}
            onChange={(x) => set(layer, 'b', k, x)}
          />
        ))}
      </div>
    </div>
  );
  return (
    <div className="net-weights">
      <strong className="small">conv1: filter f, 2×2 (row-major)</strong>
      {rows('conv1', 4, (r) => `f${r + 1}`)}
      {biases('conv1')}
      <strong className="small">conv2: filter f ← channel c, 2×2</strong>
      {rows('conv2', 4, (r) => `f${Math.floor(r / 3) + 1}←c${(r % 3) + 1}`)}
      {biases('conv2')}
      <strong className="small">FC: output o ← g1, g2, g3</strong>
      {rows('fc', 3, (r) => `o${r + 1}`)}
      {biases('fc')}
    </div>
  );
}

function FloatField({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: number;
  onChange(v: number): void;
  testId?: string;
}) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const valid = text.trim() !== '' && Number.isFinite(Number(text));
  return (
    <input
      type="text"
      inputMode="decimal"
      aria-label={label}
      aria-invalid={!valid}
      value={text}
      data-testid={testId}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isFinite(n)) onChange(n);
      }}
      onBlur={() => setText(String(value))}
    />
  );
}
