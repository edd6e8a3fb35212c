/** Filter Studio's analysis: the panel, and the diverging colormap the viewer can use. */
export { AnalysisPanel, type AnalysisPanelProps } from './AnalysisPanel.js';
export { DivergingLegend } from './DivergingLegend.js';
export { divergingColor } from './divergingColormap.js';
export { frequencyResponse } from './frequencyResponse.js';
export { clampedFraction, mappingWindow, type ValueWindow } from './histogramClamp.js';
