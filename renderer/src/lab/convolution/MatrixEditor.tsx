/**
 * A small matrix with its size (1..9 by 1..9), edited in the studio's kernel grid (arrow keys move
 * between cells; one Tab stop), without its centre-tap highlight.
 */
import { KernelGrid } from '../../studio/kernel/KernelGrid.js';
import { NumberInput } from '../../studio/kernel/NumberInput.js';
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
      <KernelGrid
        grid={value}
        onCell={setCell}
        label={name}
        testId={`conv-${name}-grid`}
        cellTestIdPrefix={`conv-${name}`}
        cellLabel={(r, c) => `${name}, row ${r + 1}, column ${c + 1}`}
        highlightCentre={false}
        className="conv-grid"
      />
    </fieldset>
  );
}
