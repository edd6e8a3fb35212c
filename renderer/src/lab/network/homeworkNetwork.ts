/**
 * The homework's network of question 3(e), parsed by architecture.ts from the homework's own
 * wording, so the default table starts from the same string the CLI's `convscope shapes` takes.
 */
import { parseArchitecture } from '../../../../native-kernels/architecture.js';
import type { DraftBlock, NetworkDraft } from './architectureText.js';

export const HOMEWORK_ARCHITECTURE = 'input 28x28x1, conv3-10, pool2, conv3-10, pool2, flatten, fc-3';

/** The homework's network as an editable draft: its input and the blocks after it. */
export function homeworkNetwork(): NetworkDraft {
  const [input, ...rest] = parseArchitecture(HOMEWORK_ARCHITECTURE);
  if (input.kind !== 'input') throw new Error('the homework network starts with its input');
  return {
    input: { height: input.height, width: input.width, channels: input.channels },
    // The parsed blocks without their source text: the draft is edited field by field.
    blocks: rest.map(({ source: _s, position: _p, ...spec }) => spec as DraftBlock),
  };
}
