/**
 * The viewer's geometry: where the image lies on screen (zoom and pan), conversions between screen
 * and image coordinates, the visible part of the image, and zoom limits. Pure, so it is unit-tested.
 */
import type { Region } from '../../../preload/contract.js';

/** Screen position (CSS pixels, relative to a pane) of the image's top-left corner, and the zoom. */
export interface View {
  /** Screen pixels per image pixel. */
  zoom: number;
  x: number;
  y: number;
}

/** A width and a height. */
export interface Size {
  width: number;
  height: number;
}

/** The closest zoom: 64 screen pixels per image pixel, enough to read single pixels and their values. */
export const MAX_ZOOM = 64;

/** The zoom factor one wheel notch or one key press applies. */
export const ZOOM_STEP = 1.25;

/** The smallest zoom for an image in a viewport: a quarter of the fit, at most 1. */
export function minZoom(image: Size, viewport: Size): number {
  return Math.min(1, fitZoom(image, viewport) / 4);
}

/** Keeps a zoom inside [minZoom, MAX_ZOOM]; non-finite input gives the minimum. */
export function clampZoom(zoom: number, image: Size, viewport: Size): number {
  const low = minZoom(image, viewport);
  if (!Number.isFinite(zoom)) return low;
  return Math.min(MAX_ZOOM, Math.max(low, zoom));
}

/** The zoom that shows the whole image in the viewport (never above 1: photos start unmagnified). */
export function fitZoom(image: Size, viewport: Size): number {
  if (image.width <= 0 || image.height <= 0 || viewport.width <= 0 || viewport.height <= 0) return 1;
  return Math.min(1, viewport.width / image.width, viewport.height / image.height);
}

/** The whole image, centred, at the fit zoom. */
export function fitView(image: Size, viewport: Size): View {
  const zoom = fitZoom(image, viewport);
  return {
    zoom,
    x: (viewport.width - image.width * zoom) / 2,
    y: (viewport.height - image.height * zoom) / 2,
  };
}

/** Image coordinates (fractional) of a screen point. */
export function screenToImage(view: View, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - view.x) / view.zoom, y: (sy - view.y) / view.zoom };
}

/** Screen coordinates of an image point. */
export function imageToScreen(view: View, ix: number, iy: number): { x: number; y: number } {
  return { x: view.x + ix * view.zoom, y: view.y + iy * view.zoom };
}

/** The integer image pixel under a screen point, or null outside the image. */
export function pixelAt(view: View, image: Size, sx: number, sy: number): { x: number; y: number } | null {
  const p = screenToImage(view, sx, sy);
  const x = Math.floor(p.x);
  const y = Math.floor(p.y);
  return x >= 0 && y >= 0 && x < image.width && y < image.height ? { x, y } : null;
}

/** The view zoomed to `zoom` (clamped) keeping the image point under (sx, sy) in place. */
export function zoomAt(view: View, zoom: number, sx: number, sy: number, image: Size, viewport: Size): View {
  const next = clampZoom(zoom, image, viewport);
  const p = screenToImage(view, sx, sy);
  return { zoom: next, x: sx - p.x * next, y: sy - p.y * next };
}

/** The view moved by (dx, dy) screen pixels. */
export function panBy(view: View, dx: number, dy: number): View {
  return { zoom: view.zoom, x: view.x + dx, y: view.y + dy };
}

/**
 * The image pixels that cover any part of the viewport (whole pixels, clipped to the image), or null
 * when none does.
 */
export function visibleRegion(view: View, viewport: Size, image: Size): Region | null {
  const a = screenToImage(view, 0, 0);
  const b = screenToImage(view, viewport.width, viewport.height);
  const x0 = Math.max(0, Math.floor(a.x));
  const y0 = Math.max(0, Math.floor(a.y));
  const x1 = Math.min(image.width, Math.ceil(b.x));
  const y1 = Math.min(image.height, Math.ceil(b.y));
  if (x1 <= x0 || y1 <= y0) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Output pixels per image pixel for a preview: screen resolution, never more than the image's own. */
export function previewScale(zoom: number): number {
  return Math.min(1, zoom);
}
