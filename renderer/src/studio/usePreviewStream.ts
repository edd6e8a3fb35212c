/**
 * One filter's preview of the visible region, re-requested whenever the region, the image or the
 * draft changes, through its own coalescer (one in flight, newest pending wins).
 */
import { useEffect, useMemo, useRef, useState } from 'react';

import type { ImageInfo, PixelsRequest, PreviewResult, Region } from '../../../preload/contract.js';
import { api } from '../api/index.js';
import { createCoalescer } from './coalesce.js';
import { errorMessage } from './errorMessage.js';
import type { KernelFile } from './kernelFile.js';
import type { PlacedPixels } from './placedPixels.js';

/** A preview stream's state for the status badge. */
export interface PreviewStatus {
  state: 'running' | 'idle' | 'error';
  /** Duration of the last finished preview, in ms. */
  lastMs: number | null;
  error: string | null;
}

/** What usePreviewStream returns. */
export interface PreviewStream {
  placed: PlacedPixels<PreviewResult> | null;
  /** The draft `placed` was computed with. */
  draft: KernelFile | null;
  status: PreviewStatus;
}

/** The visible part of the image and the preview scale; `key` stands for both (a new object each render). */
export interface PreviewTarget {
  region: Region;
  scale: number;
  key: string;
}

interface FilterRequest extends PixelsRequest {
  filter: KernelFile;
  values: boolean;
}

const IDLE: PreviewStatus = { state: 'idle', lastMs: null, error: null };

/**
 * Previews of `draft` over `target`; a null draft requests nothing and forgets what was shown.
 * `values`: also fetch every shown value before mapping (only views that show them all need it).
 */
export function usePreviewStream(
  image: ImageInfo | null,
  target: PreviewTarget | null,
  draft: KernelFile | null,
  values = false,
): PreviewStream {
  const [result, setResult] = useState<{ placed: PlacedPixels<PreviewResult>; draft: KernelFile } | null>(
    null,
  );
  const [status, setStatus] = useState<PreviewStatus>(IDLE);
  const started = useRef(0);
  const enabled = draft !== null;
  // Answers still in flight when the stream is switched off are dropped.
  const live = useRef(enabled);
  live.current = enabled;

  const coalescer = useMemo(() => {
    const c = createCoalescer<FilterRequest, PreviewResult>((req) => api['filter:preview'](req), {
      onStart: () => {
        started.current = performance.now();
        setStatus((s) => ({ ...s, state: 'running' }));
      },
      onResult: (pixels, req) => {
        const lastMs = Math.round(performance.now() - started.current);
        if (req.region && live.current)
          setResult({ placed: { region: req.region, pixels }, draft: req.filter });
        setStatus({ state: c.busy ? 'running' : 'idle', lastMs, error: null });
      },
      onError: (reason) => {
        setStatus((s) => ({ state: 'error', lastMs: s.lastMs, error: errorMessage(reason) }));
      },
    });
    return c;
  }, []);

  useEffect(() => () => coalescer.dispose(), [coalescer]);

  // A new image invalidates what is shown.
  useEffect(() => setResult(null), [image]);

  useEffect(() => {
    if (!enabled) {
      setResult(null);
      setStatus(IDLE);
    }
  }, [enabled]);

  const key = target?.key ?? '';
  useEffect(() => {
    if (image === null || target === null || draft === null) return;
    coalescer.request({
      imageId: image.id,
      region: target.region,
      scale: target.scale,
      filter: draft,
      values,
    });
    // `key` stands for the target: its object is new on every render.
  }, [image, key, draft, values, coalescer]);

  return { placed: result?.placed ?? null, draft: result?.draft ?? null, status };
}
