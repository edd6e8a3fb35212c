/**
 * One kernel as a grid of number inputs. Arrow keys move between cells (a spreadsheet's habit;
 * typing replaces stepping), and only one cell is in the Tab order (roving tabindex), so a 31x31
 * kernel is one Tab stop, not 961.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import { NumberInput } from './NumberInput.js';
import { neighbourCell } from './neighbourCell.js';
import type { Grid } from './types.js';

/** KernelGrid's props. */
export interface KernelGridProps {
  grid: Grid;
  /** A cell's new value. */
  onCell: (r: number, c: number, value: number) => void;
  /** The accessible name of the grid ("Kernel", "Kernel y"). */
  label: string;
  /** data-testid of the grid; cells get `${cellTestIdPrefix}-${r}-${c}`. */
  testId: string;
  cellTestIdPrefix: string;
  /** A cell's accessible name (default "<label> weight, row r, column c"). */
  cellLabel?: (r: number, c: number) => string;
  /** Highlight the centre tap (default true: it sits over the output pixel). */
  highlightCentre?: boolean;
  className?: string;
}

/** The kernel's weights as an editable grid; the centre tap (floor(n/2)) is highlighted. */
export function KernelGrid({
  grid,
  onCell,
  label,
  testId,
  cellTestIdPrefix,
  cellLabel = (r, c) => `${label} weight, row ${r + 1}, column ${c + 1}`,
  highlightCentre = true,
  className = 'cs-grid',
}: KernelGridProps) {
  const rows = grid.length;
  const cols = grid[0]?.length ?? 0;
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const cells = useRef(new Map<string, HTMLInputElement>());
  // After a resize the remembered cell may be gone; the nearest one takes the Tab stop.
  const ar = Math.min(active[0], rows - 1);
  const ac = Math.min(active[1], cols - 1);
  const centre = [Math.floor(rows / 2), Math.floor(cols / 2)];

  const onKeyDown = (r: number, c: number, e: KeyboardEvent<HTMLInputElement>): void => {
    const next = neighbourCell(r, c, e.key, rows, cols);
    if (e.key.startsWith('Arrow')) e.preventDefault(); // no stepping, and no leaving the grid
    if (next === null || e.altKey || e.ctrlKey || e.metaKey) return;
    setActive(next);
    const input = cells.current.get(`${next[0]}-${next[1]}`);
    input?.focus();
    input?.select();
  };

  return (
    <div
      role="grid"
      aria-label={`${label}, ${rows} by ${cols}`}
      data-testid={testId}
      className={className}
      style={{ gridTemplateColumns: `repeat(${cols}, max-content)` }}
    >
      {grid.map((row, r) => (
        <div role="row" key={r} style={{ display: 'contents' }}>
          {row.map((v, c) => (
            <div role="gridcell" key={c}>
              <NumberInput
                ref={(el: HTMLInputElement | null) => {
                  if (el) cells.current.set(`${r}-${c}`, el);
                  else cells.current.delete(`${r}-${c}`);
                }}
                value={v}
                onValue={(value) => onCell(r, c, value)}
                aria-label={cellLabel(r, c)}
                data-testid={`${cellTestIdPrefix}-${r}-${c}`}
                className={highlightCentre && r === centre[0] && c === centre[1] ? 'cs-centre' : undefined}
                tabIndex={r === ar && c === ac ? 0 : -1}
                onFocus={() => setActive([r, c])}
                onKeyDown={(e) => onKeyDown(r, c, e)}
              />
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
