/** The one message for an operator Convscope neither runs nor folds away. */
import { SUPPORTED_OPS } from '../modelGraph.js';
import { FOLDABLE_OPS } from './evaluateConstantOp.js';
import { OnnxError, quote } from './onnxError.js';

/**
 * "Unsupported ONNX operator 'X' in node 'n'; Convscope runs ...". `op` is qualified by its domain
 * when that is not the default one. An op Convscope folds on constant inputs (Concat, Slice, ...)
 * that is left because an input is computed at run time says so.
 */
export function unsupportedOpError(op: string, node: string): OnnxError {
  const folded = FOLDABLE_OPS.has(op)
    ? ` (${op} is folded away at import only when every input is a constant)`
    : '';
  return new OnnxError(
    `Unsupported ONNX operator ${quote(op)} in node ${quote(node)}; Convscope runs ${SUPPORTED_OPS.join(', ')}${folded}`,
  );
}
