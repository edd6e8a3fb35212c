/**
 * Reference 2-D convolution (torch.nn.functional.conv2d plus padding modes and true convolution),
 * written as plain loops over every multiply so that it is easy to check by eye.
 */
import { convOutputSize, pair } from '../shapes.js';
import type { Conv2dGrads, Conv2dOptions, FloatArray, PaddingMode, Tensor } from '../types.js';
import { expectLength, expectRank, expectShape, zeros } from './tensor.js';
import { sourceIndex } from '../padding.js';

interface ConvGeometry {
  n: number;
  c: number;
  h: number;
  w: number;
  f: number;
  kh: number;
  kw: number;
  oh: number;
  ow: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  dh: number;
  dw: number;
  groups: number;
  mode: PaddingMode;
  flip: boolean;
}

/** Source coordinate of padded coordinate p (0 <= p < size + 2 * pad), or -1 for a zero. */
export function paddedSource(p: number, size: number, pad: number, mode: PaddingMode): number {
  return sourceIndex(p - pad, size, mode);
}

function geometry(x: Tensor<FloatArray>, w: Tensor<FloatArray>, options: Conv2dOptions = {}): ConvGeometry {
  expectRank(x, 4, 'conv2d input');
  expectRank(w, 4, 'conv2d weight');
  const [n, c, h, wd] = x.shape;
  const [f, cg, kh, kw] = w.shape;
  const [sh, sw] = pair(options.stride ?? 1);
  const [ph, pw] = pair(options.padding ?? 0);
  const [dh, dw] = pair(options.dilation ?? 1);
  const groups = options.groups ?? 1;
  const mode = options.paddingMode ?? 'zeros';
  if (cg * groups !== c || f % groups !== 0) {
    throw new Error(`conv2d: weight [${w.shape.join(', ')}] does not fit ${c} channels in ${groups} groups`);
  }
  if ((mode === 'reflect' && (ph >= h || pw >= wd)) || (mode === 'circular' && (ph > h || pw > wd))) {
    throw new Error(`conv2d: padding (${ph}, ${pw}) too large for ${mode} padding of ${h}x${wd}`);
  }
  const oh = convOutputSize(h, kh, sh, ph, dh);
  const ow = convOutputSize(wd, kw, sw, pw, dw);
  if (oh < 1 || ow < 1) throw new Error('conv2d: kernel larger than the padded input');
  return {
    n,
    c,
    h,
    w: wd,
    f,
    kh,
    kw,
    oh,
    ow,
    sh,
    sw,
    ph,
    pw,
    dh,
    dw,
    groups,
    mode,
    flip: options.flip ?? false,
  };
}

/**
 * Calls visit(xi, wi, yi) for every product x[xi] * w[wi] that is summed into y[yi] (flat
 * indices). Forward and both backward passes walk this one list, so they cannot disagree about
 * which input pixel meets which weight. Taps that land on zero padding are skipped.
 */
function forEachTap(g: ConvGeometry, visit: (xi: number, wi: number, yi: number) => void): void {
  const cg = g.c / g.groups;
  const fg = g.f / g.groups;
  for (let n = 0; n < g.n; n++) {
    for (let f = 0; f < g.f; f++) {
      const group = Math.floor(f / fg);
      for (let oy = 0; oy < g.oh; oy++) {
        for (let ox = 0; ox < g.ow; ox++) {
          const yi = ((n * g.f + f) * g.oh + oy) * g.ow + ox;
          for (let ci = 0; ci < cg; ci++) {
            const c = group * cg + ci;
            for (let i = 0; i < g.kh; i++) {
              const iy = paddedSource(oy * g.sh + i * g.dh, g.h, g.ph, g.mode);
              if (iy < 0) continue;
              for (let j = 0; j < g.kw; j++) {
                const ix = paddedSource(ox * g.sw + j * g.dw, g.w, g.pw, g.mode);
                if (ix < 0) continue;
                // True convolution = cross-correlation with the kernel reversed in both axes.
                const ki = g.flip ? g.kh - 1 - i : i;
                const kj = g.flip ? g.kw - 1 - j : j;
                const wi = ((f * cg + ci) * g.kh + ki) * g.kw + kj;
                const xi = ((n * g.c + c) * g.h + iy) * g.w + ix;
                visit(xi, wi, yi);
              }
            }
          }
        }
      }
    }
  }
}

/** conv2d forward: y[n, f] = bias[f] + sum over the group's channels and taps of x * w. */
export function conv2d(
  x: Tensor<FloatArray>,
  w: Tensor<FloatArray>,
  bias: FloatArray | null,
  options?: Conv2dOptions,
): Tensor<Float64Array> {
  const g = geometry(x, w, options);
  if (bias !== null) expectLength(bias, g.f, 'conv2d bias');
  const y = zeros([g.n, g.f, g.oh, g.ow]);
  forEachTap(g, (xi, wi, yi) => {
    y.data[yi] += x.data[xi] * w.data[wi];
  });
  if (bias !== null) {
    const plane = g.oh * g.ow;
    for (let i = 0; i < y.data.length; i++) y.data[i] += bias[Math.floor(i / plane) % g.f];
  }
  return y;
}

/** conv2d backward: gradients of sum(y * dy) with respect to x, w and (if hasBias) the bias. */
export function conv2dBackward(
  x: Tensor<FloatArray>,
  w: Tensor<FloatArray>,
  dy: Tensor<FloatArray>,
  options: Conv2dOptions | undefined,
  hasBias: boolean,
): Conv2dGrads<Float64Array> {
  const g = geometry(x, w, options);
  expectShape(dy, [g.n, g.f, g.oh, g.ow], 'conv2d dy');
  const dx = zeros(x.shape);
  const dw = zeros(w.shape);
  // Padded taps route their gradient to the source pixel they copied (reflect, replicate,
  // circular), which is exactly the backward of padding followed by convolution.
  forEachTap(g, (xi, wi, yi) => {
    dx.data[xi] += w.data[wi] * dy.data[yi];
    dw.data[wi] += x.data[xi] * dy.data[yi];
  });
  let db: Tensor<Float64Array> | null = null;
  if (hasBias) {
    db = zeros([g.f]);
    const plane = g.oh * g.ow;
    for (let i = 0; i < dy.data.length; i++) db.data[Math.floor(i / plane) % g.f] += dy.data[i];
  }
  return { dx, dw, db };
}
