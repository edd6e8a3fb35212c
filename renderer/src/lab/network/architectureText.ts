/**
 * An edited network written back in architecture.ts's grammar ('input 28x28x1, conv3-10, pool2,
 * ...'), so the table is always computed by parsing what the user sees, exactly as the CLI would.
 * Options are written only where they differ from the block's defaults.
 */
import type { BlockSpec } from '../../../../native-kernels/architecture.js';

/** Any block but the input. */
export type DraftBlock = Exclude<BlockSpec, { kind: 'input' }>;

export interface NetworkDraft {
  input: { height: number; width: number; channels: number };
  blocks: DraftBlock[];
}

/** One block in the grammar, e.g. 'conv3-10', 'conv3-10/s2/p0', 'pool2', 'avgpool3/s2', 'fc-3'. */
export function blockText(block: DraftBlock): string {
  switch (block.kind) {
    case 'conv': {
      let s = `conv${block.kernel}-${block.filters}`;
      if (block.stride !== 1) s += `/s${block.stride}`;
      if (block.padding !== Math.floor(block.kernel / 2)) s += `/p${block.padding}`;
      if (block.dilation !== 1) s += `/d${block.dilation}`;
      return s;
    }
    case 'pool': {
      let s = `${block.op === 'avg' ? 'avgpool' : 'pool'}${block.kernel}`;
      if (block.stride !== block.kernel) s += `/s${block.stride}`;
      if (block.padding !== 0) s += `/p${block.padding}`;
      return s;
    }
    case 'fc':
      return `fc-${block.units}`;
    case 'dropout':
      return `dropout${block.p}`;
    default:
      return block.kind;
  }
}

/** The whole network in the grammar. */
export function architectureText(draft: NetworkDraft): string {
  const { height, width, channels } = draft.input;
  return [`input ${height}x${width}x${channels}`, ...draft.blocks.map(blockText)].join(', ');
}
