/**
 * NodeProto → DecodedNode. The op is checked before any attribute is decoded, so a file full of an
 * unsupported op's data is refused by name without reading it. Ops Convscope does not run but can
 * fold on constant inputs (FOLDABLE_OPS) are decoded too; foldConstants removes them, and the
 * importer refuses, by the same message, any that are left.
 */
import { SUPPORTED_OPS, type AttributeValue, type GraphNode } from '../modelGraph.js';
import { decodeAttribute } from './decodeAttribute.js';
import { FOLDABLE_OPS } from './evaluateConstantOp.js';
import type { ImportContext } from './importContext.js';
import { OnnxError, quote } from './onnxError.js';
import { DEFAULT_DOMAINS, NODE } from './onnxSchema.js';
import type { ProtoReader } from './protoReader.js';
import { unsupportedOpError } from './unsupportedOpError.js';

const SUPPORTED: ReadonlySet<string> = new Set(SUPPORTED_OPS);

/** A node as the file has it: a GraphNode whose op may still be one that is only folded. */
export interface DecodedNode extends Omit<GraphNode, 'op'> {
  op: string;
}

/**
 * Reads node number `index` (from 0). Its name is the file's, or `<op>_<index>` when it has none;
 * the caller makes names unique.
 */
export function decodeNode(r: ProtoReader, ctx: ImportContext, index: number): DecodedNode {
  const { maxNodeEntries } = ctx.limits;
  const inputs: string[] = [];
  const outputs: string[] = [];
  const attributes: ProtoReader[] = [];
  let name = '';
  let op = '';
  let domain = '';
  const push = (list: unknown[], item: unknown, what: string): void => {
    if (list.length === maxNodeEntries) {
      throw new OnnxError(
        `Expected node #${index} to have at most ${maxNodeEntries} ${what} but received more`,
      );
    }
    list.push(item);
  };
  while (r.next()) {
    switch (r.field) {
      case NODE.input:
        push(inputs, r.string('input'), 'inputs');
        break;
      case NODE.output:
        push(outputs, r.string('output'), 'outputs');
        break;
      case NODE.name:
        name = r.string('name');
        break;
      case NODE.opType:
        op = r.string('op_type');
        break;
      case NODE.domain:
        domain = r.string('domain');
        break;
      case NODE.attribute:
        push(attributes, r.message('attribute', `an attribute of node #${index}`), 'attributes');
        break;
      default:
        r.skip();
    }
  }

  if (op === '')
    throw new OnnxError(
      `Expected node #${index}${name ? ` ${quote(name)}` : ''} to have an op_type but received none`,
    );
  if (name === '') name = `${op}_${index}`;
  const label = quote(name);
  if (!DEFAULT_DOMAINS.includes(domain) || !(SUPPORTED.has(op) || FOLDABLE_OPS.has(op))) {
    throw unsupportedOpError(DEFAULT_DOMAINS.includes(domain) ? op : `${domain}.${op}`, name);
  }
  if (outputs.length === 0) throw new OnnxError(`Expected node ${label} to have an output but received none`);

  // No prototype: attribute names come from the file, and '__proto__' must stay a plain key.
  const attrs: Record<string, AttributeValue> = Object.create(null);
  for (const a of attributes) {
    const { name: attrName, value } = decodeAttribute(a, ctx, label, op === 'Slice');
    if (Object.hasOwn(attrs, attrName)) {
      throw new OnnxError(`Expected node ${label} to have one attribute ${quote(attrName)} but received two`);
    }
    attrs[attrName] = value;
  }
  return { name, op, inputs, outputs, attributes: attrs };
}
