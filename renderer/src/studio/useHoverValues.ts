/**
 * The values before mapping of the hovered image pixel, when the preview on screen came without
 * its values (they triple a preview's size, so the studio asks for them only while a view needs
 * all of them): a 1x1 'filter:preview' of that pixel, the same native pass as the full preview.
 */
import { useEffect, useState } from 'react';

import type { ImageInfo } from '../../../preload/contract.js';
import { api } from '../api/index.js';
import type { KernelFile } from './kernelFile.js';

/** Fetches the values at `pixel` for `draft` while both are non-null; null until they arrive. */
export function useHoverValues(
  image: ImageInfo | null,
  pixel: { x: number; y: number } | null,
  draft: KernelFile | null,
): number[] | null {
  const [result, setResult] = useState<{ key: string; draft: KernelFile; values: number[] } | null>(null);
  const key = image && pixel ? `${image.id}:${pixel.x},${pixel.y}` : null;

  useEffect(() => {
    if (image === null || pixel === null || draft === null || key === null) return;
    let current = true;
    const region = { x: pixel.x, y: pixel.y, width: 1, height: 1 };
    api['filter:preview']({ imageId: image.id, region, scale: 1, filter: draft, values: true })
      .then((answer) => {
        if (current && answer.values) setResult({ key, draft, values: Array.from(answer.values) });
      })
      .catch(() => {
        if (current) setResult(null);
      });
    return () => {
      current = false;
    };
    // `key` stands for the image and the pixel.
  }, [key, draft]);

  return result !== null && result.key === key && result.draft === draft ? result.values : null;
}
