/**
 * The before and after pixels of the visible region, re-requested whenever the view, the image or
 * the draft changes, each through its own coalescer (one in flight, newest pending wins).
 */
import { useEffect, useMemo, useRef, useState } from 'react';

import type { DisplayPixels, ImageInfo, PixelsRequest, PreviewResult } from '../../../preload/contract.js';
import { api } from '../api/index.js';
import { createCoalescer } from './coalesce.js';
import { errorMessage } from './errorMessage.js';
import type { KernelFile } from './kernelFile.js';
import type { PlacedPixels } from './placedPixels.js';
import { previewScale, visibleRegion, type Size, type View } from './viewTransform.js';

/** The after preview's state for the status badge. */
export interface PreviewStatus {
  state: 'running' | 'idle' | 'error';
  /** Duration of the last finished preview, in ms. */
  lastMs: number | null;
  error: string | null;
}

/** What usePreviews returns. */
export interface Previews {
  before: PlacedPixels | null;
  after: PlacedPixels<PreviewResult> | null;
  /** The draft the `after` pixels were computed with. */
  afterDraft: KernelFile | null;
  status: PreviewStatus;
}

interface AfterRequest extends PixelsRequest {
  filter: KernelFile;
}

/** Fetches and keeps the visible before/after pixels. */
export function usePreviews(
  image: ImageInfo | null,
  view: View | null,
  pane: Size,
  draft: KernelFile,
): Previews {
  const [before, setBefore] = useState<PlacedPixels | null>(null);
  const [after, setAfter] = useState<{ placed: PlacedPixels<PreviewResult>; draft: KernelFile } | null>(null);
  const [status, setStatus] = useState<PreviewStatus>({ state: 'idle', lastMs: null, error: null });
  const started = useRef(0);

  const coalescers = useMemo(() => {
    const beforeC = createCoalescer<PixelsRequest, DisplayPixels>((req) => api['image:pixels'](req), {
      onResult: (pixels, req) => {
        if (req.region) setBefore({ region: req.region, pixels });
      },
      onError: () => undefined, // the after preview reports the same failure
    });
    const afterC = createCoalescer<AfterRequest, PreviewResult>((req) => api['filter:preview'](req), {
      onStart: () => {
        started.current = performance.now();
        setStatus((s) => ({ ...s, state: 'running' }));
      },
      onResult: (result, req) => {
        const lastMs = Math.round(performance.now() - started.current);
        if (req.region) setAfter({ placed: { region: req.region, pixels: result }, draft: req.filter });
        setStatus({ state: afterC.busy ? 'running' : 'idle', lastMs, error: null });
      },
      onError: (reason) => {
        setStatus((s) => ({ state: 'error', lastMs: s.lastMs, error: errorMessage(reason) }));
      },
    });
    return { beforeC, afterC };
  }, []);

  useEffect(
    () => () => {
      coalescers.beforeC.dispose();
      coalescers.afterC.dispose();
    },
    [coalescers],
  );

  // A new image invalidates what is shown.
  useEffect(() => {
    setBefore(null);
    setAfter(null);
  }, [image]);

  const region = image && view ? visibleRegion(view, pane, image) : null;
  const scale = view ? previewScale(view.zoom) : 1;
  const key = region ? `${region.x},${region.y},${region.width},${region.height}@${scale}` : '';

  useEffect(() => {
    if (image === null || region === null) return;
    coalescers.beforeC.request({ imageId: image.id, region, scale });
    // `key` stands for the region and scale: the region object is new on every render.
  }, [image, key, coalescers]);

  useEffect(() => {
    if (image === null || region === null) return;
    coalescers.afterC.request({ imageId: image.id, region, scale, filter: draft });
  }, [image, key, draft, coalescers]);

  return { before, after: after?.placed ?? null, afterDraft: after?.draft ?? null, status };
}
