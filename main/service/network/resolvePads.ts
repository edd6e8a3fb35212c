/**
 * The symmetric [h, w] padding of a Conv or pooling node, from its pads or auto_pad. Convscope's
 * kernels (like torch's) pad both sides of an axis alike, so asymmetric padding, explicit or from
 * an odd SAME_* total, is refused by name rather than computed differently.
 */
import { show, type NodeReader } from './nodeReader.js';

export const AUTO_PAD_MODES = ['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'] as const;

/**
 * `spatial` is the input's [h, w], `extent` the kernel's reach ((k - 1) * dilation + 1) and
 * `strides` the node's strides, all per axis.
 */
export function resolvePads(
  r: NodeReader,
  spatial: readonly number[],
  extent: readonly number[],
  strides: readonly number[],
): [number, number] {
  const autoPad = r.string('auto_pad', 'NOTSET', AUTO_PAD_MODES);
  const pads = r.ints('pads', undefined, 4);
  if (autoPad !== 'NOTSET') {
    if (pads !== undefined && pads.some((p) => p !== 0))
      r.fail(`no pads together with auto_pad ${autoPad}`, "attribute 'pads'", show(pads));
    if (autoPad === 'VALID') return [0, 0];
    // SAME_*: the output has ceil(in / stride) units; the total padding that needs is split evenly.
    const out: number[] = [];
    for (let axis = 0; axis < 2; axis++) {
      const size = spatial[axis];
      const total = Math.max(0, (Math.ceil(size / strides[axis]) - 1) * strides[axis] + extent[axis] - size);
      if (total % 2 !== 0)
        r.fail(
          `an even total padding on each axis (Convscope pads both sides alike)`,
          "attribute 'auto_pad'",
          `${autoPad}, which needs ${total} padding on the ${axis === 0 ? 'height' : 'width'} axis of a ${size}-unit input`,
        );
      out.push(total / 2);
    }
    return [out[0], out[1]];
  }
  const p = pads ?? [0, 0, 0, 0];
  if (p.some((v) => v < 0)) r.fail('non-negative pads', "attribute 'pads'", show(p));
  if (p[0] !== p[2] || p[1] !== p[3])
    r.fail(
      'symmetric pads [top, left, bottom, right] with top = bottom and left = right (Convscope pads both sides alike)',
      "attribute 'pads'",
      show(p),
    );
  return [p[0], p[1]];
}

/** A two-value ints attribute of integers >= 1 (strides, dilations, kernel_shape). */
export function positivePair(
  r: NodeReader,
  name: string,
  fallback: [number, number] | undefined,
): [number, number] {
  const v = r.ints(name, fallback, 2);
  if (v === undefined) return r.fail('2 values', `attribute '${name}'`, 'nothing');
  if (v.some((x) => x < 1)) r.fail('values of at least 1', `attribute '${name}'`, show(v));
  return [v[0], v[1]];
}
