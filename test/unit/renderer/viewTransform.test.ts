import { describe, expect, it } from 'vitest';

import {
  MAX_ZOOM,
  clampZoom,
  fitView,
  fitZoom,
  imageToScreen,
  minZoom,
  panBy,
  pixelAt,
  previewScale,
  screenToImage,
  visibleRegion,
  zoomAt,
} from '../../../renderer/src/studio/viewTransform.js';
import { outputPixelAt, rgbaAt, valuesAt } from '../../../renderer/src/studio/placedPixels.js';

const image = { width: 512, height: 512 };
const viewport = { width: 800, height: 600 };

describe('view transforms', () => {
  it('converts screen to image coordinates and back', () => {
    const view = { zoom: 4, x: 10, y: -20 };
    const p = screenToImage(view, 50, 60);
    expect(p).toEqual({ x: 10, y: 20 });
    expect(imageToScreen(view, p.x, p.y)).toEqual({ x: 50, y: 60 });
  });

  it('finds the pixel under a point and nothing outside the image', () => {
    const view = { zoom: 8, x: 0, y: 0 };
    expect(pixelAt(view, image, 7.9, 8)).toEqual({ x: 0, y: 1 });
    expect(pixelAt(view, image, -0.1, 0)).toBeNull();
    expect(pixelAt(view, image, 512 * 8, 0)).toBeNull();
  });

  it('fits the image centred and never magnifies at fit', () => {
    expect(fitZoom(image, viewport)).toBe(1);
    const view = fitView({ width: 1600, height: 600 }, viewport);
    expect(view.zoom).toBe(0.5);
    expect(view.x).toBe(0);
    expect(view.y).toBe(150);
    expect(fitZoom(image, { width: 0, height: 0 })).toBe(1);
  });

  it('clamps the zoom between a quarter of the fit and MAX_ZOOM', () => {
    const big = { width: 4000, height: 3000 };
    expect(minZoom(big, viewport)).toBeCloseTo(0.2 / 4);
    expect(clampZoom(1000, big, viewport)).toBe(MAX_ZOOM);
    expect(clampZoom(0.0001, big, viewport)).toBeCloseTo(0.05);
    expect(clampZoom(Number.NaN, big, viewport)).toBeCloseTo(0.05);
    expect(clampZoom(2, big, viewport)).toBe(2);
  });

  it('zooms about a fixed screen point', () => {
    const view = { zoom: 1, x: 0, y: 0 };
    const next = zoomAt(view, 4, 100, 50, image, viewport);
    expect(next.zoom).toBe(4);
    expect(screenToImage(next, 100, 50)).toEqual(screenToImage(view, 100, 50));
  });

  it('pans by screen pixels', () => {
    expect(panBy({ zoom: 2, x: 1, y: 2 }, 3, -4)).toEqual({ zoom: 2, x: 4, y: -2 });
  });

  it('gives the visible region as whole image pixels clipped to the image', () => {
    expect(visibleRegion({ zoom: 1, x: 144, y: 44 }, viewport, image)).toEqual({
      x: 0,
      y: 0,
      width: 512,
      height: 512,
    });
    // Zoomed in on a partial pixel at each edge: the pixels under the edges are included.
    expect(visibleRegion({ zoom: 10, x: -15, y: -25 }, { width: 100, height: 50 }, image)).toEqual({
      x: 1,
      y: 2,
      width: 11,
      height: 6,
    });
    expect(visibleRegion({ zoom: 1, x: 900, y: 0 }, viewport, image)).toBeNull();
  });

  it('asks for screen resolution, never more than the image has', () => {
    expect(previewScale(0.25)).toBe(0.25);
    expect(previewScale(8)).toBe(1);
  });
});

describe('placed pixels', () => {
  const rgba = new Uint8Array(2 * 2 * 4).map((_, i) => i);
  const placed = { region: { x: 10, y: 20, width: 4, height: 4 }, pixels: { width: 2, height: 2, rgba } };

  it('finds the output pixel and the image pixel it samples', () => {
    expect(outputPixelAt(placed, 10, 20)).toEqual({ index: 0, source: { x: 11, y: 21 } });
    expect(outputPixelAt(placed, 13, 23)).toEqual({ index: 3, source: { x: 13, y: 23 } });
    expect(outputPixelAt(placed, 14, 20)).toBeNull();
    expect(rgbaAt(placed.pixels, 3)).toEqual([12, 13, 14, 15]);
  });

  it('reads the values of one output pixel, all bands', () => {
    const values = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(valuesAt(values, 4, 2)).toEqual([7, 8, 9]);
  });
});
