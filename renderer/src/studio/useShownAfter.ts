/**
 * What the viewer's after pane shows: the filtered preview as mapped by the filter, or as diverging
 * colours of its values before mapping (divergingPixels.ts); comparing two drafts, A's or B's result
 * or the difference image |A − B| (abDifference.ts), whose statistics are kept in every view.
 */
import { useMemo, useRef } from 'react';

import type { PreviewResult } from '../../../preload/contract.js';
import { abDifference } from './abDifference.js';
import { divergingPixels } from './divergingPixels.js';
import type { KernelFile } from './kernelFile.js';
import type { PlacedPixels } from './placedPixels.js';
import type { Previews } from './usePreviews.js';

/** The compare mode's views. */
export type AbView = 'a' | 'b' | 'difference';

/** What the after pane shows and what goes with it. */
export interface ShownAfter {
  placed: PlacedPixels | null;
  /** The preview the hover readout reads (B's in B's view, else A's) and its draft. */
  readout: PlacedPixels<PreviewResult> | null;
  readoutDraft: KernelFile | null;
  /** The diverging scale's end (max |v|) while diverging colours are shown, else null. */
  divergingMax: number | null;
  /** Comparing: |A − B| over the visible pixels once both previews cover the same ones, else null. */
  difference: { max: number; mean: number } | null;
  /** The pane's tag. */
  label: string;
}

const LABELS: Record<AbView, string> = { a: 'A', b: 'B', difference: '|A − B|' };

/** Whether two previews cover the same pixels (same region and output size). */
function samePixels(a: PlacedPixels, b: PlacedPixels): boolean {
  const [ra, rb] = [a.region, b.region];
  return (
    ra.x === rb.x &&
    ra.y === rb.y &&
    ra.width === rb.width &&
    ra.height === rb.height &&
    a.pixels.width === b.pixels.width &&
    a.pixels.height === b.pixels.height
  );
}

/** The preview as diverging colours (the values stay for the hover readout). */
function asDiverging(placed: PlacedPixels<PreviewResult> | null) {
  // A preview requested before the view switched has no values yet: its successor will.
  if (placed === null || placed.pixels.values === null) return null;
  const { width, height, values } = placed.pixels;
  const { rgba, maxAbs } = divergingPixels(values, width * height);
  return { placed: { region: placed.region, pixels: { width, height, rgba } }, maxAbs };
}

/** The after pane's content; `compare` is the chosen view while comparing A with B, else null. */
export function useShownAfter(
  previews: Previews,
  { diverging, compare }: { diverging: boolean; compare: AbView | null },
): ShownAfter {
  const { after, afterB } = previews;
  const comparing = compare !== null;
  const showB = compare === 'b';
  const source = showB ? afterB : after;
  const colours = useMemo(() => (diverging ? asDiverging(source) : null), [diverging, source]);
  const diff = useMemo(() => {
    if (!comparing || after === null || afterB === null || !samePixels(after, afterB)) return null;
    const [va, vb] = [after.pixels.values, afterB.pixels.values];
    if (va === null || vb === null) return null;
    const { width, height } = after.pixels;
    const d = abDifference(va, vb, width * height);
    if (d === null) return null;
    return {
      placed: { region: after.region, pixels: { width, height, rgba: d.rgba } },
      max: d.max,
      mean: d.mean,
    };
  }, [comparing, after, afterB]);

  // While panning, A's and B's answers cover different regions for a moment: the last difference
  // stays until both agree again (rather than a blank pane).
  const lastDiff = useRef(diff);
  if (!comparing || diff !== null) lastDiff.current = diff;
  const shownDiff = diff ?? lastDiff.current;

  const showDifference = compare === 'difference';
  const placed = showDifference ? (shownDiff?.placed ?? null) : (colours?.placed ?? source);
  const divergingMax = showDifference ? null : (colours?.maxAbs ?? null);
  const label = `${compare === null ? 'After' : LABELS[compare]}${divergingMax !== null ? ' · diverging' : ''}`;
  return {
    placed,
    readout: source,
    readoutDraft: showB ? previews.afterBDraft : previews.afterDraft,
    divergingMax,
    difference: shownDiff && { max: shownDiff.max, mean: shownDiff.mean },
    label,
  };
}
