/**
 * A small matrix as a grid of number inputs with its size (1..9 by 1..9). Arrow keys move between
 * cells and only one cell is in the Tab order (roving tabindex), as in the studio's kernel grid.
 */
import { useRef, useState, type KeyboardEvent } from 'react';

import { NumberInput } from '../../studio/kernel/NumberInput.js';
import { neighbourCell } from '../../studio/kernel/neighbourCell.js';
import { resizeMatrix } from './resizeMatrix.js';

export interface MatrixEditorProps {
  /** "x" or "h". */
  name: string;
  value: number[][];
  onChange: (m: number[][]) => void;
  /** Restores the homework's matrix. */
  onReset: () => void;
}

export const MAX_MATRIX = 9;

export function MatrixEditor({ name, value, onChange, onReset }: MatrixEditorProps) {
  const rows = value.length;
  const cols = value[0]?.length ?? 0;
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const cells = useRef(new Map<string, HTMLInputElement>());
  const ar = Math.min(active[0], rows - 1);
  const ac = Math.min(active[1], cols - 1);
  const onKeyDown = (r: number, c: number, e: KeyboardEvent<HTMLInputElement>) => {
    const next = neighbourCell(r, c, e.key, rows, cols);
    if (e.key.startsWith('Arrow')) e.preventDefault();
    if (next === null) return;
    setActive(next);
    const input = cells.current.get(`${next[0]}-${next[1]}`);
    input?.focus();
    input?.select();
  };
  const setCell = (r: number, c: number, v: number) =>
    onChange(value.map((row, i) => (i === r ? row.map((old, j) => (j === c ? v : old)) : row)));
  return (
    <fieldset className="conv-fieldset">
      <legend>{name}</legend>
      <div className="conv-size">
        <label>
          rows{' '}
          <NumberInput
            data-testid={`conv-${name}-rows`}
            aria-label={`${name}: rows`}
            value={rows}
            integer
            min={1}
            max={MAX_MATRIX}
            onValue={(r) => onChange(resizeMatrix(value, r, cols))}
          />
        </label>
        <label>
          cols{' '}
          <NumberInput
            data-testid={`conv-${name}-cols`}
            aria-label={`${name}: columns`}
            value={cols}
            integer
            min={1}
            max={MAX_MATRIX}
            onValue={(c) => onChange(resizeMatrix(value, rows, c))}
          />
        </label>
        <button type="button" data-testid={`conv-${name}-reset`} onClick={onReset}>
          Homework {name}
        </button>
      </div>
      <div
        role="grid"
        aria-label={`${name}, ${rows} by ${cols}`}
        className="conv-grid"
        data-testid={`conv-${name}-grid`}
        style={{ gridTemplateColumns: `repeat(${cols}, max-content)` }}
      >
        {value.map((row, r) => (
          <div role="row" key={r} style={{ display: 'contents' }}>
            {row.map((v, c) => (
              <div role="gridcell" key={c}>
                <NumberInput
                  ref={(el: HTMLInputElement | null) => {
                    if (el) cells.current.set(`${r}-${c}`, el);
                    else cells.current.delete(`${r}-${c}`);
                  }}
                  value={v}
                  onValue={(nv) => setCell(r, c, nv)}
                  aria-label={`${name}, row ${r + 1}, column ${c + 1}`}
                  data-testid={`conv-${name}-${r}-${c}`}
                  tabIndex={r === ar && c === ac ? 0 : -1}
                  onFocus={() => setActive([r, c])}
                  onKeyDown={(e) => onKeyDown(r, c, e)}
                />
              </div>
            ))}
          </div>
        ))}
      </div>
    </fieldset>
  );
}
