/**
 * Where the before and after images go on the canvas: split (both share one view, the after image
 * shows right of the slider) or side by side (two half-width panes with the same, linked view).
 */
import type { Size } from './viewTransform.js';

/** How before and after are compared. */
export type ViewMode = 'split' | 'side-by-side';

/** One image's part of the canvas: a clip rectangle and the offset of its pane's origin. */
export interface PaneClip {
  /** Screen x of the pane's origin (the view's coordinates are relative to it). */
  originX: number;
  clipX: number;
  clipWidth: number;
}

/** The layout of both images on a canvas of `canvas` size. */
export interface PaneLayout {
  /** The size each pane's view works in (half the canvas side by side). */
  pane: Size;
  before: PaneClip;
  after: PaneClip;
}

/** The layout for a mode; `split` is the slider position in percent (0..100). */
export function paneLayout(canvas: Size, mode: ViewMode, split: number): PaneLayout {
  if (mode === 'side-by-side') {
    const half = Math.floor(canvas.width / 2);
    return {
      pane: { width: half, height: canvas.height },
      before: { originX: 0, clipX: 0, clipWidth: half },
      after: { originX: half, clipX: half, clipWidth: canvas.width - half },
    };
  }
  const at = Math.round((canvas.width * Math.min(100, Math.max(0, split))) / 100);
  return {
    pane: canvas,
    before: { originX: 0, clipX: 0, clipWidth: at },
    after: { originX: 0, clipX: at, clipWidth: canvas.width - at },
  };
}

/** Which pane a canvas x falls in, and x relative to that pane's origin. */
export function paneAt(layout: PaneLayout, x: number): { side: 'before' | 'after'; x: number } {
  const side = x >= layout.after.clipX ? 'after' : 'before';
  return { side, x: x - layout[side].originX };
}
