/**
 * The before pixels around one image pixel, for the K x K products: fetched with 'image:pixels' as
 * at most a few small regions (a circular border at an edge wraps to the far side, so each axis may
 * need two runs of pixels).
 */
import { useEffect, useState } from 'react';

import type { DisplayPixels, ImageInfo, Region } from '../../../preload/contract.js';
import { api } from '../api/index.js';
import type { BorderMode } from './borderIndex.js';
import { indexRuns, neighbourhoodSources, type NeighbourhoodSources } from './kernelProducts.js';

/** The fetched neighbourhood: where each cell reads and the RGBA of any pixel it reads. */
export interface Neighbourhood {
  /** The pixel it is centred on (to tell a stale neighbourhood from the current one). */
  key: string;
  sources: NeighbourhoodSources;
  /** RGBA8 of image pixel (x, y); it must be one of the sources. */
  rgba(x: number, y: number): [number, number, number, number];
}

/** The neighbourhood key for a pixel, kernel size and border. */
export function neighbourhoodKey(
  imageId: string,
  pixel: { x: number; y: number },
  kRows: number,
  kCols: number,
  border: BorderMode,
): string {
  return `${imageId}:${pixel.x},${pixel.y}:${kRows}x${kCols}:${border}`;
}

/** Fetches the neighbourhood of `pixel` while `pixel` is non-null. */
export function useNeighbourhood(
  image: ImageInfo | null,
  pixel: { x: number; y: number } | null,
  kRows: number,
  kCols: number,
  border: BorderMode,
): Neighbourhood | null {
  const [result, setResult] = useState<Neighbourhood | null>(null);
  const key = image && pixel ? neighbourhoodKey(image.id, pixel, kRows, kCols, border) : null;

  useEffect(() => {
    if (image === null || pixel === null || key === null) return;
    let current = true;
    const sources = neighbourhoodSources(pixel.x, pixel.y, kRows, kCols, image, border);
    const regions: Region[] = [];
    for (const [y0, y1] of indexRuns(sources.rows))
      for (const [x0, x1] of indexRuns(sources.cols))
        regions.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
    Promise.all(regions.map((region) => api['image:pixels']({ imageId: image.id, region, scale: 1 })))
      .then((patches: DisplayPixels[]) => {
        if (!current) return;
        const rgba = (x: number, y: number): [number, number, number, number] => {
          const at = regions.findIndex(
            (r) => x >= r.x && y >= r.y && x < r.x + r.width && y < r.y + r.height,
          );
          if (at < 0) return [0, 0, 0, 0];
          const r = regions[at];
          const o = ((y - r.y) * r.width + (x - r.x)) * 4;
          const p = patches[at].rgba;
          return [p[o], p[o + 1], p[o + 2], p[o + 3]];
        };
        setResult({ key, sources, rgba });
      })
      .catch(() => {
        if (current) setResult(null);
      });
    return () => {
      current = false;
    };
    // `key` stands for image, pixel, kernel size and border.
  }, [key]);

  return result !== null && result.key === key ? result : null;
}
