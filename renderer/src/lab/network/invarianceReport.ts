/**
 * What the circular-padding instrument reports from its chains' stages: per variant the shapes the
 * kernels returned for each conv, every input's GAP vector and FC output, and for each pair of
 * inputs related by a circular shift whether their GAP vectors match (compareVectors).
 */
import type { LabTensor } from '../../../../preload/labContract.js';
import { compareVectors, type VectorComparison } from './compareVectors.js';
import type { InvarianceVariant } from './invarianceSteps.js';
import type { ChainStage } from './runKernelChain.js';

export interface VariantReport {
  variant: InvarianceVariant;
  /** Output shapes as the kernels returned them (before any crop). */
  conv1Shape: number[];
  conv2Shape: number[];
  /** Per input, its 3 GAP values and 3 FC outputs. */
  gap: number[][];
  fc: number[][];
  /** Per pair, the comparison of the two inputs' GAP vectors. */
  pairs: VectorComparison[];
}

function stage(stages: readonly ChainStage[], label: string): LabTensor {
  const s = stages.find((st) => st.label === label);
  if (s === undefined) throw new Error(`no '${label}' stage`);
  return s.y;
}

/** Rows of an N×C (or N×C×1×1) tensor as plain numbers. */
function rowsOf(t: LabTensor): number[][] {
  const [n, c] = t.shape;
  return Array.from({ length: n }, (_, i) => Array.from(t.data.subarray(i * c, (i + 1) * c)));
}

export function invarianceReport(
  variant: InvarianceVariant,
  stages: readonly ChainStage[],
  pairs: readonly (readonly [number, number])[],
): VariantReport {
  const gap = rowsOf(stage(stages, 'gap'));
  return {
    variant,
    conv1Shape: stage(stages, 'conv1').shape,
    conv2Shape: stage(stages, 'conv2').shape,
    gap,
    fc: rowsOf(stage(stages, 'fc')),
    pairs: pairs.map(([a, b]) => compareVectors(gap[a], gap[b])),
  };
}
