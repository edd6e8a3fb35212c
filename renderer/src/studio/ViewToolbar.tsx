/**
 * The viewer's controls: zoom buttons and level, before/after mode, split slider, the diverging
 * colours and A/B comparison switches, preview status.
 */
import type { ViewMode } from './paneLayout.js';
import type { PreviewStatus } from './usePreviews.js';

/** Props of ViewToolbar. */
export interface ViewToolbarProps {
  zoom: number;
  mode: ViewMode;
  split: number;
  status: PreviewStatus;
  /** The after image as diverging colours of its values before mapping. */
  diverging: boolean;
  /** A/B comparison of two drafts. */
  comparing: boolean;
  onZoomIn(): void;
  onZoomOut(): void;
  onFit(): void;
  onActualSize(): void;
  onMode(mode: ViewMode): void;
  onSplit(split: number): void;
  onDiverging(on: boolean): void;
  onComparing(on: boolean): void;
}

/** Formats a zoom as a percentage (or "8x" when magnified a lot). */
export function zoomLabel(zoom: number): string {
  return zoom >= 4 ? `${Math.round(zoom * 10) / 10}×` : `${Math.round(zoom * 100)} %`;
}

/** The toolbar above the canvas. */
export function ViewToolbar(props: ViewToolbarProps) {
  const { status } = props;
  return (
    <div className="view-toolbar" role="toolbar" aria-label="Viewer">
      <button type="button" onClick={props.onZoomOut} aria-label="Zoom out" data-testid="zoom-out">
        −
      </button>
      <span className="zoom-level" data-testid="zoom-level" aria-live="polite">
        {zoomLabel(props.zoom)}
      </span>
      <button type="button" onClick={props.onZoomIn} aria-label="Zoom in" data-testid="zoom-in">
        +
      </button>
      <button type="button" onClick={props.onFit} data-testid="zoom-fit">
        Fit
      </button>
      <button type="button" onClick={props.onActualSize} data-testid="zoom-actual">
        1:1
      </button>
      <button
        type="button"
        data-testid="view-mode"
        data-mode={props.mode}
        aria-pressed={props.mode === 'side-by-side'}
        onClick={() => props.onMode(props.mode === 'split' ? 'side-by-side' : 'split')}
      >
        {props.mode === 'split' ? 'Side by side' : 'Split view'}
      </button>
      {props.mode === 'split' && (
        <label className="split-label">
          Before | after
          <input
            type="range"
            min={0}
            max={100}
            value={props.split}
            data-testid="split-slider"
            aria-label="Split position: before on the left, after on the right"
            onChange={(e) => props.onSplit(Number(e.target.value))}
          />
        </label>
      )}
      <button
        type="button"
        data-testid="diverging-toggle"
        aria-pressed={props.diverging}
        title="Show the after image as signed values before mapping: blue negative, white 0, red positive"
        onClick={() => props.onDiverging(!props.diverging)}
      >
        ± Diverging
      </button>
      <button
        type="button"
        data-testid="ab-toggle"
        aria-pressed={props.comparing}
        title="Compare two kernels A and B on this photo"
        onClick={() => props.onComparing(!props.comparing)}
      >
        A/B
      </button>
      <span
        className="preview-status"
        data-testid="preview-status"
        data-state={status.state}
        title={status.error ?? undefined}
      >
        <span className="dot" aria-hidden="true" />
        {status.state === 'running' ? 'Filtering…' : status.state === 'error' ? 'Preview failed' : 'Preview'}
        {status.lastMs !== null && <span className="ms"> {status.lastMs} ms</span>}
      </span>
    </div>
  );
}
