/** conv2d forward and backward on the native kernels, validated first. */
import { loadAddon, PADDING_MODE_CODES } from './addon.js';
import { convOutputSize } from './shapes.js';
import type { Conv2dGrads, Conv2dOptions, ConvAlgorithm, PaddingMode, Tensor } from './types.js';
import {
  expectBoolean,
  expectFinite,
  expectFloat32,
  expectInteger,
  expectOneOf,
  expectOptions,
  expectSameShape,
  expectTensor,
  pairOption,
} from './validate.js';

const MODES: readonly PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];
const ALGORITHMS: readonly ConvAlgorithm[] = ['auto', 'gemm', 'direct'];

/** A validated conv2d call: the native geometry array and the output shape. */
export interface Conv2dPlan {
  /** [n, c, h, w, f, kh, kw, sh, sw, ph, pw, dh, dw, groups, mode, flip, algorithm] for the raw addon. */
  geometry: Int32Array;
  inputShape: [number, number, number, number];
  weightShape: [number, number, number, number];
  outputShape: [number, number, number, number];
}

/**
 * Checks shapes and options against torch's rules and computes the output shape. Exported so that
 * a worker pool can validate once and split the raw call over threads.
 */
export function planConv2d(
  inputShape: readonly number[],
  weightShape: readonly number[],
  options?: Conv2dOptions,
): Conv2dPlan {
  const opts = expectOptions('options', options);
  const [n, c, h, w] = inputShape;
  const [f, cg, kh, kw] = weightShape;
  const [sh, sw] = pairOption('options.stride', opts.stride as Conv2dOptions['stride'], 1, 1);
  const [ph, pw] = pairOption('options.padding', opts.padding as Conv2dOptions['padding'], 0, 0);
  const [dh, dw] = pairOption('options.dilation', opts.dilation as Conv2dOptions['dilation'], 1, 1);
  const groups = opts.groups === undefined ? 1 : expectInteger('options.groups', opts.groups, 1);
  const mode =
    opts.paddingMode === undefined ? 'zeros' : expectOneOf('options.paddingMode', opts.paddingMode, MODES);
  const flip = opts.flip === undefined ? false : expectBoolean('options.flip', opts.flip);
  const algorithm =
    opts.algorithm === undefined ? 'auto' : expectOneOf('options.algorithm', opts.algorithm, ALGORITHMS);

  if (c % groups !== 0)
    throw new RangeError(
      `Expected input channels divisible by groups (${groups}) for x.shape[1] but received ${c}`,
    );
  if (f % groups !== 0)
    throw new RangeError(`Expected filters divisible by groups (${groups}) for w.shape[0] but received ${f}`);
  if (cg !== c / groups)
    throw new RangeError(
      `Expected ${c / groups} input channels per group (x has ${c}, groups ${groups}) for w.shape[1] but received ${cg}`,
    );
  if (mode === 'reflect' && (ph >= h || pw >= w))
    throw new RangeError(
      `Expected reflect padding smaller than the input (${h}x${w}) for options.padding but received [${ph}, ${pw}]`,
    );
  if (mode === 'circular' && (ph > h || pw > w))
    throw new RangeError(
      `Expected circular padding at most the input size (${h}x${w}) for options.padding but received [${ph}, ${pw}]`,
    );
  const oh = convOutputSize(h, kh, sh, ph, dh);
  const ow = convOutputSize(w, kw, sw, pw, dw);
  if (oh < 1 || ow < 1)
    throw new RangeError(
      `Expected a kernel no larger than the padded input (${h + 2 * ph}x${w + 2 * pw}) for w.shape ` +
        `but received a ${kh}x${kw} kernel with dilation [${dh}, ${dw}] (extent ${dh * (kh - 1) + 1}x${dw * (kw - 1) + 1})`,
    );
  const geometry = Int32Array.from([
    n,
    c,
    h,
    w,
    f,
    kh,
    kw,
    sh,
    sw,
    ph,
    pw,
    dh,
    dw,
    groups,
    PADDING_MODE_CODES[mode],
    flip ? 1 : 0,
    ALGORITHMS.indexOf(algorithm),
  ]);
  return {
    geometry,
    inputShape: [n, c, h, w],
    weightShape: [f, cg, kh, kw],
    outputShape: [n, f, oh, ow],
  };
}

function checkArgs(x: unknown, w: unknown, options: unknown) {
  const xt = expectTensor('x', x, [4]);
  const wt = expectTensor('w', w, [4]);
  expectFinite('w.data', wt.data);
  return { xt, wt, plan: planConv2d(xt.shape, wt.shape, options as Conv2dOptions | undefined) };
}

/** torch.nn.functional.conv2d (with padding modes and optional true convolution). */
export function conv2d(x: Tensor, w: Tensor, bias: Float32Array | null, options?: Conv2dOptions): Tensor {
  const { xt, wt, plan } = checkArgs(x, w, options);
  const f = plan.weightShape[0];
  if (bias !== null) expectFinite('bias', expectFloat32('bias', bias, f));
  const [n, , oh] = plan.outputShape;
  const y = new Float32Array(n * f * oh * plan.outputShape[3]);
  loadAddon().conv2dForward(xt.data, wt.data, bias, y, plan.geometry, 0, n * oh, 0);
  return { data: y, shape: plan.outputShape };
}

/** Gradients of conv2d with respect to input, weights and (when hasBias) bias. */
export function conv2dBackward(
  x: Tensor,
  w: Tensor,
  dy: Tensor,
  options: Conv2dOptions | undefined,
  hasBias: boolean,
): Conv2dGrads {
  const { xt, wt, plan } = checkArgs(x, w, options);
  const dyt = expectTensor('dy', dy, [4]);
  expectSameShape('dy.shape', dyt.shape, plan.outputShape);
  expectBoolean('hasBias', hasBias);
  const addon = loadAddon();
  const n = plan.inputShape[0];
  const dx = new Float32Array(xt.data.length);
  const dw = new Float32Array(wt.data.length);
  const db = hasBias ? new Float32Array(plan.weightShape[0]) : null;
  addon.conv2dBackwardInput(dyt.data, wt.data, dx, plan.geometry, 0, n);
  addon.conv2dBackwardWeight(xt.data, dyt.data, dw, db, plan.geometry, 0, n);
  return {
    dx: { data: dx, shape: plan.inputShape },
    dw: { data: dw, shape: plan.weightShape },
    db: db === null ? null : { data: db, shape: [db.length] },
  };
}
