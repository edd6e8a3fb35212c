/**
 * How a layer's receptive field follows from the one before it, as arithmetic with the table's own
 * numbers: r = r′ + (K − 1)·d·j′ and j = j′·s (r′, j′ the previous layer's field and jump; d the
 * dilation, 1 unless set). The text is built from the previous row, the block and the row's own
 * values, so what it says and what architecture.ts computed are the same numbers.
 */
import type { LayerTable } from '../../../../native-kernels/architecture.js';

export interface ReceptiveFieldStep {
  /** e.g. '4 + (3−1)·2 = 8', or 'whole input', or '= 8' (unchanged). */
  size: string;
  /** e.g. '1·2 = 2', or '= 2' (unchanged). */
  jump: string;
  /** The increase over the previous layer (0 when unchanged; null for 'whole'). */
  growth: number | null;
}

export function receptiveFieldStep(table: LayerTable, index: number): ReceptiveFieldStep {
  const row = table.layers[index];
  if (row === undefined) throw new RangeError(`no layer ${index}`);
  const rf = row.receptiveField;
  if (index === 0) return { size: `${rf.size}`, jump: `${rf.jump}`, growth: 0 };
  const prev = table.layers[index - 1].receptiveField;
  if (rf.kind === 'whole')
    return {
      size: prev.kind === 'whole' ? '= whole input' : 'whole input',
      jump: `= ${rf.jump}`,
      growth: null,
    };
  const b = row.block;
  if (b.kind !== 'conv' && b.kind !== 'pool')
    return { size: `= ${rf.size}`, jump: `= ${rf.jump}`, growth: 0 };
  const d = b.kind === 'conv' ? b.dilation : 1;
  const reach = d === 1 ? `(${b.kernel}−1)` : `(${b.kernel}−1)·${d}`;
  return {
    size: `${prev.size} + ${reach}·${prev.jump} = ${rf.size}`,
    jump: `${prev.jump}·${b.stride} = ${rf.jump}`,
    growth: rf.size - prev.size,
  };
}
