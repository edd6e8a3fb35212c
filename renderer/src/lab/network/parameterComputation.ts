/**
 * A layer's parameter count written as the homework writes it: 'K×K×C×F + F' for a convolution
 * (architecture.ts's own text), and for a fully connected layer after a flattened map the map's
 * H×W×C spelled out ('7×7×10×3 + 3' rather than '490×3 + 3'), read from the table's rows.
 */
import type { LayerTable } from '../../../../native-kernels/architecture.js';

export function parameterComputation(table: LayerTable, index: number): string {
  const row = table.layers[index];
  if (row === undefined) throw new RangeError(`no layer ${index}`);
  if (row.block.kind !== 'fc') return row.parameters.text;
  // Walk back over flatten (and layers that keep the vector as it is) to the map that was flattened.
  for (let i = index - 1; i >= 0; i--) {
    const before = table.layers[i];
    const kind = before.block.kind;
    if (kind === 'flatten') {
      const map = table.layers[i - 1]?.activation;
      if (map === undefined || map.kind !== 'spatial') return row.parameters.text;
      const units = row.block.units;
      return `${map.height}×${map.width}×${map.channels}×${units} + ${units}`;
    }
    if (kind !== 'relu' && kind !== 'dropout' && kind !== 'bn') return row.parameters.text;
  }
  return row.parameters.text;
}
