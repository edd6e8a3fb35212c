/**
 * Question 3(d) on the user's own network: the same network with and without one pooling layer,
 * both computed by architecture.ts from their grammar text. Every layer after the pool is paired
 * with its twin in the network without it, so the instrument can show what the pool changes:
 * the jump (the pool's stride multiplies it), the growth of later receptive fields
 * ((K−1)·jump per K×K layer) and later multiply-accumulates (a K×K pool of stride K divides every
 * later map's area, and so its MACs, by about K²; exactly K² when the sides divide evenly).
 */
import {
  computeLayerTable,
  parseArchitecture,
  type LayerRow,
  type LayerTable,
} from '../../../../native-kernels/architecture.js';
import { architectureText, type NetworkDraft } from './architectureText.js';

export interface PooledPair {
  /** The row in the network with the pool. */
  with: LayerRow;
  /** Its twin without the pool; null for the pool itself. */
  without: LayerRow | null;
}

/** The first convolution after the pool, in both networks: what 3(d) asks about. */
export interface NextConv {
  name: string;
  /** Its kernel size and the jump of its input, with and without the pool. */
  kernel: number;
  jumpWith: number;
  jumpWithout: number;
  /** How much it grows the receptive field: (K − 1)·jump. */
  growthWith: number;
  growthWithout: number;
  macsWith: number;
  macsWithout: number;
}

export interface PoolComparison {
  /** Index of the pool in draft.blocks (its table row is one more). */
  block: number;
  withText: string;
  withoutText: string;
  withTable: LayerTable;
  withoutTable: LayerTable;
  pairs: PooledPair[];
  /** The pool's own row (receptive field and jump after it). */
  pool: LayerRow;
  nextConv: NextConv | null;
}

/** Compares the draft with the draft minus its block `block` (a pool); throws ArchitectureError. */
export function poolComparison(draft: NetworkDraft, block: number): PoolComparison {
  const pool = draft.blocks[block];
  if (pool === undefined || pool.kind !== 'pool')
    throw new RangeError(`block ${block} is not a pooling layer`);
  const without: NetworkDraft = { input: draft.input, blocks: draft.blocks.filter((_, i) => i !== block) };
  const withText = architectureText(draft);
  const withoutText = architectureText(without);
  const withTable = computeLayerTable(parseArchitecture(withText));
  const withoutTable = computeLayerTable(parseArchitecture(withoutText));
  const poolRow = block + 1;
  const pairs = withTable.layers.map((row, i) => ({
    with: row,
    without: i === poolRow ? null : withoutTable.layers[i < poolRow ? i : i - 1],
  }));
  const next = pairs.findIndex((p, i) => i > poolRow && p.with.block.kind === 'conv');
  let nextConv: NextConv | null = null;
  if (next > 0) {
    const { with: w, without: wo } = pairs[next];
    const before = withTable.layers[next - 1].receptiveField;
    const beforeWithout = withoutTable.layers[next - 2].receptiveField;
    if (wo !== null && w.block.kind === 'conv')
      nextConv = {
        name: w.name,
        kernel: w.block.kernel,
        jumpWith: before.jump,
        jumpWithout: beforeWithout.jump,
        growthWith: w.receptiveField.size - before.size,
        growthWithout: wo.receptiveField.size - beforeWithout.size,
        macsWith: w.macs,
        macsWithout: wo.macs,
      };
  }
  return {
    block,
    withText,
    withoutText,
    withTable,
    withoutTable,
    pairs,
    pool: withTable.layers[poolRow],
    nextConv,
  };
}
