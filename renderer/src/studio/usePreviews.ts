/**
 * The before pixels of the visible region and the filtered previews of one draft (and, comparing
 * A with B, of a second draft), re-requested whenever the view, the image or a draft changes, each
 * through its own coalescer (one in flight, newest pending wins).
 */
import { useEffect, useMemo, useState } from 'react';

import type { DisplayPixels, ImageInfo, PixelsRequest, PreviewResult } from '../../../preload/contract.js';
import { api } from '../api/index.js';
import { createCoalescer } from './coalesce.js';
import type { KernelFile } from './kernelFile.js';
import type { PlacedPixels } from './placedPixels.js';
import { usePreviewStream, type PreviewStatus, type PreviewTarget } from './usePreviewStream.js';
import { previewScale, visibleRegion, type Size, type View } from './viewTransform.js';

export type { PreviewStatus } from './usePreviewStream.js';

/** What usePreviews returns. */
export interface Previews {
  before: PlacedPixels | null;
  after: PlacedPixels<PreviewResult> | null;
  /** The draft the `after` pixels were computed with. */
  afterDraft: KernelFile | null;
  /** The second draft's preview (null unless one was given). */
  afterB: PlacedPixels<PreviewResult> | null;
  afterBDraft: KernelFile | null;
  /** Both previews' state: running while either runs, failed while either failed. */
  status: PreviewStatus;
}

/** One badge for two streams; B's failure is named as B's. */
function combinedStatus(a: PreviewStatus, b: PreviewStatus): PreviewStatus {
  const error = a.error ?? (b.error === null ? null : `B: ${b.error}`);
  const state =
    a.state === 'error' || b.state === 'error'
      ? 'error'
      : a.state === 'running' || b.state === 'running'
        ? 'running'
        : 'idle';
  const lastMs = a.lastMs === null ? b.lastMs : b.lastMs === null ? a.lastMs : Math.max(a.lastMs, b.lastMs);
  return { state, lastMs, error };
}

/**
 * Fetches and keeps the visible before pixels and the previews of `draft` and `draftB`; with
 * `values`, the previews carry every shown value before mapping (diverging view, A/B difference).
 */
export function usePreviews(
  image: ImageInfo | null,
  view: View | null,
  pane: Size,
  draft: KernelFile,
  draftB: KernelFile | null = null,
  values = false,
): Previews {
  const [before, setBefore] = useState<PlacedPixels | null>(null);

  const beforeC = useMemo(
    () =>
      createCoalescer<PixelsRequest, DisplayPixels>((req) => api['image:pixels'](req), {
        onResult: (pixels, req) => {
          if (req.region) setBefore({ region: req.region, pixels });
        },
        onError: () => undefined, // the after preview reports the same failure
      }),
    [],
  );
  useEffect(() => () => beforeC.dispose(), [beforeC]);

  // A new image invalidates what is shown.
  useEffect(() => setBefore(null), [image]);

  const region = image && view ? visibleRegion(view, pane, image) : null;
  const scale = view ? previewScale(view.zoom) : 1;
  const key = region ? `${region.x},${region.y},${region.width},${region.height}@${scale}` : '';
  const target: PreviewTarget | null = region ? { region, scale, key } : null;

  useEffect(() => {
    if (image === null || region === null) return;
    beforeC.request({ imageId: image.id, region, scale });
    // `key` stands for the region and scale: the region object is new on every render.
  }, [image, key, beforeC]);

  const a = usePreviewStream(image, target, draft, values);
  const b = usePreviewStream(image, target, draftB, values);

  return {
    before,
    after: a.placed,
    afterDraft: a.draft,
    afterB: b.placed,
    afterBDraft: b.draft,
    status: combinedStatus(a.status, b.status),
  };
}
