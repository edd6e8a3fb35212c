/** The benchmark's sections, in the order `npm run bench` runs them. */
import type { SectionReport } from './section.js';

/**
 * Loaded on demand, so a section whose imports are broken (say, a reference kernel file
 * mid-edit) fails alone instead of taking every section down with it.
 */
export const SECTIONS: Readonly<Record<string, () => Promise<SectionReport<unknown>>>> = {
  peak: async () => (await import('./peak.js')).runPeak(),
  convLayer: async () => (await import('./convLayer.js')).runConvLayer(),
  convAlgorithms: async () => (await import('./convAlgorithms.js')).runConvAlgorithms(),
  homeworkNet: async () => (await import('./homeworkNet.js')).runHomeworkNet(),
  opsVsReference: async () => (await import('./opsVsReference.js')).runOpsVsReference(),
  filterPipeline: async () => (await import('./filterPipeline.js')).runFilterPipeline(),
  previewLatency: async () => (await import('./previewLatency.js')).runPreviewLatency(),
  explorerForward: async () => (await import('./explorerForward.js')).runExplorerForward(),
  training: async () => (await import('./training.js')).runTraining(),
};

export const SECTION_NAMES: readonly string[] = Object.keys(SECTIONS);
