/**
 * Planning of the image ops: Conv, BatchNormalization, MaxPool, AveragePool, GlobalAveragePool.
 * Each checks the node against what the native kernels compute (torch's semantics) and refuses
 * the rest by name: asymmetric padding, dilated or ceil-mode pooling that would change a size,
 * training-mode batch norm.
 */
import { convOutputSize } from '../../../native-kernels/shapes.js';
import type { BatchNormStep, ConvStep, GlobalAvgPoolStep, PoolStep, TensorInfo } from './graphPlan.js';
import { show, type NodeReader } from './nodeReader.js';
import { positivePair, resolvePads } from './resolvePads.js';

function imageInput(r: NodeReader): TensorInfo & { name: string } {
  const x = r.floatInput(0, 'X');
  if (x.dims.length !== 4)
    r.fail('a 4-D (N, C, H, W) tensor', `input 0 (X) '${x.name}'`, `dims ${show(x.dims)}`);
  return x;
}

function checkOutputSize(r: NodeReader, inDims: number[], out: [number, number], what: string): void {
  if (out[0] < 1 || out[1] < 1)
    r.fail(
      `${what} that fits the padded ${inDims[2]}×${inDims[3]} input`,
      'its kernel',
      `one that leaves a ${out[0]}×${out[1]} output`,
    );
}

export function planConv(r: NodeReader): ConvStep {
  r.allowAttributes('auto_pad', 'dilations', 'group', 'kernel_shape', 'pads', 'strides');
  r.expectInputs(2, 3);
  const output = r.expectOneOutput();
  const x = imageInput(r);
  const weight = r.weightInput(1, 'W');
  if (weight.shape.length !== 4)
    r.fail(
      '4-D weights [M, C/group, kH, kW]',
      `input 1 (W) '${r.node.inputs[1]}'`,
      `dims ${show(weight.shape)}`,
    );
  const [f, cg, kh, kw] = weight.shape;
  const c = x.dims[1];
  const groups = r.int('group', 1);
  if (groups < 1 || c % groups !== 0 || f % groups !== 0)
    r.fail(
      `a group count dividing both ${c} input channels and ${f} filters`,
      "attribute 'group'",
      String(groups),
    );
  if (cg !== c / groups)
    r.fail(
      `${c / groups} input channels per group (the input has ${c}, group ${groups})`,
      `input 1 (W) '${r.node.inputs[1]}'`,
      `dims ${show(weight.shape)}`,
    );
  const kernelShape = r.ints('kernel_shape', undefined, 2);
  if (kernelShape !== undefined && (kernelShape[0] !== kh || kernelShape[1] !== kw))
    r.fail(`the weights' kernel size [${kh}, ${kw}]`, "attribute 'kernel_shape'", show(kernelShape));
  const stride = positivePair(r, 'strides', [1, 1]);
  const dilation = positivePair(r, 'dilations', [1, 1]);
  const extent = [(kh - 1) * dilation[0] + 1, (kw - 1) * dilation[1] + 1];
  const padding = resolvePads(r, x.dims.slice(2), extent, stride);
  const bias = r.inputName(2) === null ? null : r.weightInput(2, 'B', [f]).data;
  const out: [number, number] = [
    convOutputSize(x.dims[2], kh, stride[0], padding[0], dilation[0]),
    convOutputSize(x.dims[3], kw, stride[1], padding[1], dilation[1]),
  ];
  checkOutputSize(r, x.dims, out, 'a kernel');
  return {
    kind: 'conv',
    node: r.node,
    output,
    outDims: [x.dims[0], f, out[0], out[1]],
    x: x.name,
    inDims: x.dims,
    weight,
    bias,
    stride,
    padding,
    dilation,
    groups,
  };
}

export function planBatchNorm(r: NodeReader): BatchNormStep {
  r.allowAttributes('epsilon', 'momentum', 'spatial', 'training_mode');
  r.expectInputs(5, 5);
  const output = r.expectOneOutput(['running_mean', 'running_var', 'saved_mean', 'saved_var']);
  const x = r.floatInput(0, 'X');
  if (x.dims.length < 2 || x.dims.length > 4)
    r.fail('a 2-D to 4-D (N, C, ...) tensor', `input 0 (X) '${x.name}'`, `dims ${show(x.dims)}`);
  if (r.int('training_mode', 0) !== 0)
    r.fail('training_mode 0 (Convscope runs batch norm in inference mode)', "attribute 'training_mode'", '1');
  if (r.int('spatial', 1) !== 1)
    r.fail('spatial 1 (per-channel statistics)', "attribute 'spatial'", String(r.int('spatial', 1)));
  const epsilon = r.float('epsilon', 1e-5);
  if (!(epsilon > 0 && epsilon <= 1)) r.fail('an epsilon in (0, 1]', "attribute 'epsilon'", String(epsilon));
  const c = [x.dims[1]];
  const [scale, bias, mean, variance] = ['scale', 'B', 'input_mean', 'input_var'].map(
    (role, i) => r.weightInput(i + 1, role, c).data,
  );
  const negative = variance.findIndex((v) => v < 0);
  if (negative >= 0)
    r.fail(
      'non-negative variances',
      `input 4 (input_var) '${r.node.inputs[4]}'`,
      `${variance[negative]} at channel ${negative}`,
    );
  return {
    kind: 'batchNorm',
    node: r.node,
    output,
    outDims: x.dims,
    x: x.name,
    scale,
    bias,
    mean,
    variance,
    epsilon,
  };
}

/** torch's ceil-mode size: one more window when it starts inside the input or the left padding. */
function ceilSize(size: number, kernel: number, stride: number, pad: number): number {
  let out = Math.ceil((size + 2 * pad - kernel) / stride) + 1;
  if ((out - 1) * stride >= size + pad) out--;
  return out;
}

export function planPool(r: NodeReader, kind: 'maxPool' | 'avgPool'): PoolStep {
  if (kind === 'maxPool')
    r.allowAttributes(
      'auto_pad',
      'ceil_mode',
      'dilations',
      'kernel_shape',
      'pads',
      'storage_order',
      'strides',
    );
  else r.allowAttributes('auto_pad', 'ceil_mode', 'count_include_pad', 'kernel_shape', 'pads', 'strides');
  r.expectInputs(1, 1);
  const output = r.expectOneOutput(kind === 'maxPool' ? ['Indices'] : []);
  const x = imageInput(r);
  const kernel = positivePair(r, 'kernel_shape', undefined);
  const stride = positivePair(r, 'strides', [1, 1]);
  if (kind === 'maxPool') {
    const dilation = positivePair(r, 'dilations', [1, 1]);
    if (dilation[0] !== 1 || dilation[1] !== 1)
      r.fail('dilations [1, 1] (Convscope pools without dilation)', "attribute 'dilations'", show(dilation));
    const order = r.int('storage_order', 0);
    if (order !== 0 && order !== 1) r.fail('0 or 1', "attribute 'storage_order'", String(order));
  }
  const padding = resolvePads(r, x.dims.slice(2), kernel, stride);
  if (2 * padding[0] > kernel[0] || 2 * padding[1] > kernel[1])
    r.fail(
      `padding at most half the ${kernel[0]}×${kernel[1]} window (so that every window holds an input value)`,
      "attribute 'pads'",
      show(padding),
    );
  const out: [number, number] = [
    convOutputSize(x.dims[2], kernel[0], stride[0], padding[0]),
    convOutputSize(x.dims[3], kernel[1], stride[1], padding[1]),
  ];
  checkOutputSize(r, x.dims, out, 'a window');
  const ceilMode = r.int('ceil_mode', 0);
  if (ceilMode !== 0 && ceilMode !== 1) r.fail('0 or 1', "attribute 'ceil_mode'", String(ceilMode));
  if (ceilMode === 1) {
    // Ceil mode only differs when it adds a window; where it does not, the node is floor-mode.
    const ceil = [0, 1].map((a) => ceilSize(x.dims[2 + a], kernel[a], stride[a], padding[a]));
    if (ceil[0] !== out[0] || ceil[1] !== out[1])
      r.fail(
        `ceil_mode 0, or a ceil_mode 1 that adds no window (floor mode gives ${out[0]}×${out[1]})`,
        "attribute 'ceil_mode'",
        `1, which gives ${ceil[0]}×${ceil[1]}`,
      );
  }
  // ONNX's count_include_pad defaults to 0, torch's to True: the file's value is what counts.
  const countIncludePad = kind === 'avgPool' ? r.int('count_include_pad', 0) !== 0 : true;
  return {
    kind,
    node: r.node,
    output,
    outDims: [x.dims[0], x.dims[1], out[0], out[1]],
    x: x.name,
    inDims: x.dims,
    options: { kernel, stride, padding, countIncludePad },
  };
}

export function planGlobalAvgPool(r: NodeReader): GlobalAvgPoolStep {
  r.allowAttributes();
  r.expectInputs(1, 1);
  const output = r.expectOneOutput();
  const x = imageInput(r);
  return {
    kind: 'globalAvgPool',
    node: r.node,
    output,
    outDims: [x.dims[0], x.dims[1], 1, 1],
    x: x.name,
    inDims: x.dims,
  };
}
