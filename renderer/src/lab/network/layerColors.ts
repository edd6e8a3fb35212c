/** Distinct colours for layers 0, 1, 2, … of the receptive-field pictures (Tableau 10, dark first). */
export const LAYER_COLORS = [
  '#333333',
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
];

export function layerColor(layer: number): string {
  return LAYER_COLORS[layer % LAYER_COLORS.length];
}
