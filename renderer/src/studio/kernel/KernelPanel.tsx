/**
 * Filter Studio's kernel editor: presets, the weights grid (and the y grid of a gradient pair),
 * the kernel's size, the filter options, and saving and loading kernel files. Every change goes to
 * `onChange` as a whole kernel file (pass useFilterDraft's setDraft, which records undo steps).
 */
import { useId, useRef } from 'react';
import { KernelFileControls } from './KernelFileControls.js';
import { KernelGrid } from './KernelGrid.js';
import { KernelOptions } from './KernelOptions.js';
import { NumberInput } from './NumberInput.js';
import { PanelStyle } from './PanelStyle.js';
import { PresetControls } from './PresetControls.js';
import { transposeGrid, withCell, zeroGrid } from './gridOps.js';
import { MAX_KERNEL_SIDE, completeKernelFile } from './kernelFileDefaults.js';
import { resizeKernels, type ResizeRun } from './resizeKernels.js';
import type { CompleteKernelFile, KernelFile } from './types.js';
import type { DraftEditOptions } from './useFilterDraft.js';
import { usePresetSelection } from './usePresetSelection.js';
import { usePresets } from './usePresets.js';

/** KernelPanel's props. */
export interface KernelPanelProps {
  draft: KernelFile;
  onChange: (next: KernelFile, options?: DraftEditOptions) => void;
}

/** The kernel editor for `draft`. */
export function KernelPanel({ draft, onChange }: KernelPanelProps) {
  const file = completeKernelFile(draft);
  const { presets, error: presetsError } = usePresets();
  const selection = usePresetSelection(file, onChange);
  const resizeRun = useRef<ResizeRun | null>(null);
  const rowsId = useId();
  const colsId = useId();
  const gradientId = useId();
  const headingId = useId();
  const rows = file.kernel.length;
  const cols = file.kernel[0].length;

  const resize = (r: number, c: number, source: string): void => {
    const { pair, run } = resizeKernels(file, r, c, resizeRun.current, performance.now());
    resizeRun.current = run;
    const { kernelY: _old, ...rest } = file;
    onChange({ ...rest, ...pair }, { merge: true, source });
  };

  const setGradient = (on: boolean): void => {
    const { kernelY: _old, ...rest } = file;
    // A square kernel's transpose is its y counterpart (Sobel x -> Sobel y); otherwise start empty.
    const kernelY = rows === cols ? transposeGrid(file.kernel) : zeroGrid(rows, cols);
    onChange(on ? { ...rest, kernelY } : rest);
  };

  const change = (next: CompleteKernelFile, options?: DraftEditOptions): void => onChange(next, options);

  return (
    <section className="cs-panel" aria-labelledby={headingId} data-testid="kernel-panel">
      <PanelStyle />
      <h2 id={headingId}>Kernel</h2>
      <PresetControls presets={presets} loadError={presetsError} selection={selection} />
      <fieldset>
        <legend>Weights</legend>
        <div className="cs-row">
          <label htmlFor={rowsId}>
            Rows
            <NumberInput
              id={rowsId}
              data-testid="kernel-rows"
              value={rows}
              min={1}
              max={MAX_KERNEL_SIDE}
              integer
              onValue={(r) => resize(r, cols, 'rows')}
            />
          </label>
          <label htmlFor={colsId}>
            Columns
            <NumberInput
              id={colsId}
              data-testid="kernel-cols"
              value={cols}
              min={1}
              max={MAX_KERNEL_SIDE}
              integer
              onValue={(c) => resize(rows, c, 'cols')}
            />
          </label>
          <label htmlFor={gradientId}>
            <input
              id={gradientId}
              type="checkbox"
              data-testid="gradient-toggle"
              checked={file.kernelY !== undefined}
              onChange={(e) => setGradient(e.target.checked)}
            />
            Gradient magnitude of a pair: √(gx² + gy²)
          </label>
        </div>
        <p className="cs-hint">
          Arrow keys move between cells; the shaded cell is the centre tap (over the output pixel). Growing
          adds zeros around the centre, shrinking crops around it.
        </p>
        <KernelGrid
          grid={file.kernel}
          label={file.kernelY ? 'Kernel x' : 'Kernel'}
          testId="kernel-grid"
          cellTestIdPrefix="kernel-cell"
          onCell={(r, c, v) =>
            change(
              { ...file, kernel: withCell(file.kernel, r, c, v) },
              { merge: true, source: `cell-${r}-${c}` },
            )
          }
        />
        {file.kernelY && (
          <KernelGrid
            grid={file.kernelY}
            label="Kernel y"
            testId="kernel-y-grid"
            cellTestIdPrefix="kernel-y-cell"
            onCell={(r, c, v) =>
              change(
                { ...file, kernelY: withCell(file.kernelY ?? zeroGrid(rows, cols), r, c, v) },
                { merge: true, source: `cell-y-${r}-${c}` },
              )
            }
          />
        )}
      </fieldset>
      <KernelOptions file={file} onChange={change} />
      <KernelFileControls file={file} onLoad={(loaded) => onChange(loaded, { source: 'load' })} />
    </section>
  );
}
