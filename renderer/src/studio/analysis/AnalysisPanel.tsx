/**
 * Filter Studio's analysis of the draft: the histogram of the preview's values before mapping
 * (what clamping throws away), the diverging colormap's key, the kernel's frequency response and
 * whether it is separable.
 */
import { useId } from 'react';
import type { PreviewResult } from '../../../../preload/contract.js';
import { PanelStyle } from '../kernel/PanelStyle.js';
import { KERNEL_FILE_DEFAULTS } from '../kernel/kernelFileDefaults.js';
import type { KernelFile } from '../kernel/types.js';
import { DivergingLegend } from './DivergingLegend.js';
import { FrequencyResponseView } from './FrequencyResponseView.js';
import { HistogramView } from './HistogramView.js';
import { SeparabilityView } from './SeparabilityView.js';

/** AnalysisPanel's props. */
export interface AnalysisPanelProps {
  draft: KernelFile;
  /** The latest preview of the draft, or null before there is one. */
  preview: PreviewResult | null;
  /** The image's bit depth (the clamp window is 0..255 or 0..65535); 8 by default. */
  depth?: 8 | 16;
}

/** The analysis panel for `draft` and its preview. */
export function AnalysisPanel({ draft, preview, depth = 8 }: AnalysisPanelProps) {
  // The draft's own rows (not copies), so the frequency response is recomputed only when they change.
  const { kernel, kernelY } = draft;
  const mapping = draft.mapping ?? KERNEL_FILE_DEFAULTS.mapping;
  const fullScale = depth === 16 ? 65535 : 255;
  const headingId = useId();
  const maxAbs = preview ? Math.max(Math.abs(preview.min), Math.abs(preview.max)) : fullScale;
  return (
    <section className="cs-panel" aria-labelledby={headingId} data-testid="analysis-panel">
      <PanelStyle />
      <h2 id={headingId}>Analysis</h2>
      <fieldset>
        <legend>Values before mapping</legend>
        {preview ? (
          <HistogramView preview={preview} mapping={mapping} fullScale={fullScale} />
        ) : (
          <p className="cs-hint">No preview yet: open an image to see the histogram.</p>
        )}
        <DivergingLegend maxAbs={maxAbs} />
      </fieldset>
      <fieldset>
        <legend>Frequency response{kernelY ? ' (kernel x)' : ''}</legend>
        <FrequencyResponseView kernel={kernel} />
      </fieldset>
      <fieldset>
        <legend>Separability</legend>
        <SeparabilityView kernel={kernel} kernelY={kernelY} />
      </fieldset>
    </section>
  );
}
