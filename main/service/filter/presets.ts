/**
 * Built-in filter presets: each kernel is a pure function of its parameters, and PRESETS describes
 * them (plain data, so it can cross IPC to the renderer; the builders stay here).
 *
 * Sign conventions are stated for CORRELATION (y[m,n] = sum x[m+i-a, n+j-a] h[i,j], the CNN and
 * presetSpec default), with rows growing downwards:
 * - x-gradient kernels (Sobel, Scharr, Prewitt x) respond positively where intensity increases to
 *   the right; y-gradient kernels respond positively where intensity increases downwards.
 * - Laplacians and LoG have a negative centre: bright spots give negative responses.
 * - Under convolution the kernel is flipped, so every odd (antisymmetric) kernel changes sign; this
 *   is the homework's point: h = [[-1,-2,-1],[0,0,0],[1,2,1]] (equal to Sobel y) on 1..25 gives -40
 *   by true convolution and +40 by correlation.
 * Blur kernels carry their own normalisation (they sum to 1), so presetSpec sets normalize false.
 */
import { expectInteger, expectNumber, expectOneOf } from '../../../native-kernels/validate.js';
import type { FilterSpec, KernelMatrix, OutputMapping } from './filterSpec.js';
import { MAX_KERNEL_SIDE, kernelFromFunction, kernelFromRows } from './kernelMatrix.js';
import { motionBlurKernel } from './motionBlurKernel.js';
import { filterError } from './validateFilterSpec.js';

export { motionBlurKernel };

/** The identity (a single 1): output equals input. */
export function identityKernel(): KernelMatrix {
  return kernelFromRows([[1]]);
}

/** An N x N box (mean) filter, N in 1..31, each weight 1/N^2. */
export function boxKernel(size: number): KernelMatrix {
  return kernelFromFunction(size, size, () => 1 / (size * size));
}

/** Side of the Gaussian (and LoG) kernel for sigma: 2 * ceil(3 sigma) + 1, capped to 31. */
export function gaussianSize(sigma: number): number {
  return Math.min(MAX_KERNEL_SIDE, 2 * Math.ceil(3 * sigma) + 1);
}

/** A sampled 1-D Gaussian of the given odd length, normalised to sum 1 in float64. */
function gaussian1d(sigma: number, size: number): Float64Array {
  const half = (size - 1) / 2;
  const g = Float64Array.from({ length: size }, (_, i) => Math.exp(-((i - half) ** 2) / (2 * sigma * sigma)));
  const sum = g.reduce((a, b) => a + b, 0);
  return g.map((v) => v / sum);
}

/**
 * A sampled Gaussian, size gaussianSize(sigma), normalised to sum 1. Built as the outer product of
 * two normalised 1-D Gaussians so it is exactly separable (up to float32 rounding).
 */
export function gaussianKernel(sigma: number): KernelMatrix {
  const size = gaussianSize(sigma);
  const g = gaussian1d(sigma, size);
  return kernelFromFunction(size, size, (r, c) => g[r] * g[c]);
}

/** The classic 3x3 sharpen: 5 at the centre, -1 at the four edge neighbours (sum 1). */
export function sharpenKernel(): KernelMatrix {
  return kernelFromRows([
    [0, -1, 0],
    [-1, 5, -1],
    [0, -1, 0],
  ]);
}

/** Unsharp mask: identity + amount * (identity - gaussian(sigma)); sums to 1. */
export function unsharpMaskKernel(sigma: number, amount: number): KernelMatrix {
  const size = gaussianSize(sigma);
  const g = gaussian1d(sigma, size);
  const centre = (size - 1) / 2;
  return kernelFromFunction(size, size, (r, c) => {
    const delta = r === centre && c === centre ? 1 : 0;
    return delta + amount * (delta - g[r] * g[c]);
  });
}

/** Sobel x: [[-1,0,1],[-2,0,2],[-1,0,1]]; positive for intensity increasing to the right (correlation). */
export function sobelXKernel(): KernelMatrix {
  return kernelFromRows([
    [-1, 0, 1],
    [-2, 0, 2],
    [-1, 0, 1],
  ]);
}

/** Sobel y: the transpose of Sobel x; positive for intensity increasing downwards (correlation). */
export function sobelYKernel(): KernelMatrix {
  return kernelFromRows([
    [-1, -2, -1],
    [0, 0, 0],
    [1, 2, 1],
  ]);
}

/** Scharr x: [[-3,0,3],[-10,0,10],[-3,0,3]] (better rotational accuracy than Sobel). */
export function scharrXKernel(): KernelMatrix {
  return kernelFromRows([
    [-3, 0, 3],
    [-10, 0, 10],
    [-3, 0, 3],
  ]);
}

/** Scharr y: the transpose of Scharr x. */
export function scharrYKernel(): KernelMatrix {
  return kernelFromRows([
    [-3, -10, -3],
    [0, 0, 0],
    [3, 10, 3],
  ]);
}

/** Prewitt x: [[-1,0,1],[-1,0,1],[-1,0,1]]. */
export function prewittXKernel(): KernelMatrix {
  return kernelFromRows([
    [-1, 0, 1],
    [-1, 0, 1],
    [-1, 0, 1],
  ]);
}

/** Prewitt y: the transpose of Prewitt x. */
export function prewittYKernel(): KernelMatrix {
  return kernelFromRows([
    [-1, -1, -1],
    [0, 0, 0],
    [1, 1, 1],
  ]);
}

/** 4-neighbour Laplacian [[0,1,0],[1,-4,1],[0,1,0]] (negative centre, zero sum). */
export function laplacian4Kernel(): KernelMatrix {
  return kernelFromRows([
    [0, 1, 0],
    [1, -4, 1],
    [0, 1, 0],
  ]);
}

/** 8-neighbour Laplacian [[1,1,1],[1,-8,1],[1,1,1]] (negative centre, zero sum). */
export function laplacian8Kernel(): KernelMatrix {
  return kernelFromRows([
    [1, 1, 1],
    [1, -8, 1],
    [1, 1, 1],
  ]);
}

/**
 * Laplacian of Gaussian, size gaussianSize(sigma), by MATLAB fspecial('log')'s formula: the
 * normalised sampled Gaussian g times (r^2 - 2 sigma^2) / sigma^4, minus its mean so the sum is
 * exactly zero in float64 (a flat region gives 0). Negative centre, like the Laplacians.
 */
export function laplacianOfGaussianKernel(sigma: number): KernelMatrix {
  const size = gaussianSize(sigma);
  const g = gaussian1d(sigma, size);
  const half = (size - 1) / 2;
  const s2 = sigma * sigma;
  const values = new Float64Array(size * size);
  let sum = 0;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const rr = (r - half) ** 2 + (c - half) ** 2;
      values[r * size + c] = (g[r] * g[c] * (rr - 2 * s2)) / (s2 * s2);
      sum += values[r * size + c];
    }
  }
  const mean = sum / values.length;
  return kernelFromFunction(size, size, (r, c) => values[r * size + c] - mean);
}

/** Emboss [[-2,-1,0],[-1,1,1],[0,1,2]]: brightens where intensity rises towards the bottom right; sum 1. */
export function embossKernel(): KernelMatrix {
  return kernelFromRows([
    [-2, -1, 0],
    [-1, 1, 1],
    [0, 1, 2],
  ]);
}

/** The homework's h = [[-1,-2,-1],[0,0,0],[1,2,1]] (numerically Sobel y). */
export function homeworkHKernel(): KernelMatrix {
  return kernelFromRows([
    [-1, -2, -1],
    [0, 0, 0],
    [1, 2, 1],
  ]);
}

/** A kernel, or a gradient pair (kernel = x, kernelY = y) for the magnitude presets. */
export interface PresetKernels {
  kernel: KernelMatrix;
  kernelY?: KernelMatrix;
}

/** One slider of a preset: an integer when step is 1 and `integer` is set. */
export interface PresetParam {
  name: string;
  label: string;
  min: number;
  max: number;
  default: number;
  /** A UI hint for the slider; values between steps are accepted. */
  step: number;
  integer: boolean;
}

export type PresetId =
  | 'identity'
  | 'box'
  | 'gaussian'
  | 'sharpen'
  | 'unsharp-mask'
  | 'sobel-x'
  | 'sobel-y'
  | 'sobel-magnitude'
  | 'scharr-x'
  | 'scharr-y'
  | 'scharr-magnitude'
  | 'prewitt-x'
  | 'prewitt-y'
  | 'prewitt-magnitude'
  | 'laplacian-4'
  | 'laplacian-8'
  | 'laplacian-of-gaussian'
  | 'emboss'
  | 'motion-blur'
  | 'homework-h';

/** What the UI lists for a preset. */
export interface PresetInfo {
  id: PresetId;
  name: string;
  description: string;
  params: readonly PresetParam[];
  defaultMapping: OutputMapping;
  /** True when the preset is a gradient pair shown as sqrt(gx^2 + gy^2). */
  gradientPair: boolean;
}

interface PresetEntry extends PresetInfo {
  build: (p: Readonly<Record<string, number>>) => PresetKernels;
}

const sigmaParam = (def: number, min = 0.1): PresetParam => ({
  name: 'sigma',
  label: 'Sigma (pixels)',
  min,
  max: 10,
  default: def,
  step: 0.1,
  integer: false,
});

const single = (f: () => KernelMatrix) => (): PresetKernels => ({ kernel: f() });

const ENTRIES: readonly PresetEntry[] = [
  {
    id: 'identity',
    name: 'Identity',
    description: 'A single 1: the output equals the input.',
    params: [],
    defaultMapping: 'clamp',
    gradientPair: false,
    build: single(identityKernel),
  },
  {
    id: 'box',
    name: 'Box blur',
    description: 'Mean of an N x N window (even N is allowed and shifts the window by half a pixel).',
    params: [
      { name: 'size', label: 'Size N', min: 1, max: MAX_KERNEL_SIDE, default: 3, step: 1, integer: true },
    ],
    defaultMapping: 'clamp',
    gradientPair: false,
    build: (p) => ({ kernel: boxKernel(p.size) }),
  },
  {
    id: 'gaussian',
    name: 'Gaussian blur',
    description: 'Sampled Gaussian, side 2 ceil(3 sigma) + 1 (at most 31, truncated beyond sigma 5), sum 1.',
    params: [sigmaParam(1)],
    defaultMapping: 'clamp',
    gradientPair: false,
    build: (p) => ({ kernel: gaussianKernel(p.sigma) }),
  },
  {
    id: 'sharpen',
    name: 'Sharpen',
    description: '5 at the centre, -1 at the four neighbours: identity plus a negative Laplacian.',
    params: [],
    defaultMapping: 'clamp',
    gradientPair: false,
    build: single(sharpenKernel),
  },
  {
    id: 'unsharp-mask',
    name: 'Unsharp mask',
    description: 'identity + amount * (identity - Gaussian(sigma)): adds back the detail a blur removes.',
    params: [
      sigmaParam(1),
      { name: 'amount', label: 'Amount', min: 0, max: 5, default: 1, step: 0.1, integer: false },
    ],
    defaultMapping: 'clamp',
    gradientPair: false,
    build: (p) => ({ kernel: unsharpMaskKernel(p.sigma, p.amount) }),
  },
  {
    id: 'sobel-x',
    name: 'Sobel x',
    description: 'Horizontal gradient; positive where intensity increases to the right (correlation).',
    params: [],
    defaultMapping: 'abs',
    gradientPair: false,
    build: single(sobelXKernel),
  },
  {
    id: 'sobel-y',
    name: 'Sobel y',
    description: 'Vertical gradient; positive where intensity increases downwards (correlation).',
    params: [],
    defaultMapping: 'abs',
    gradientPair: false,
    build: single(sobelYKernel),
  },
  {
    id: 'sobel-magnitude',
    name: 'Sobel magnitude',
    description: 'sqrt(gx^2 + gy^2) of the two Sobel kernels: edge strength in any direction.',
    params: [],
    defaultMapping: 'clamp',
    gradientPair: true,
    build: () => ({ kernel: sobelXKernel(), kernelY: sobelYKernel() }),
  },
  {
    id: 'scharr-x',
    name: 'Scharr x',
    description: 'Horizontal gradient with weights 3, 10, 3: more rotation-invariant than Sobel.',
    params: [],
    defaultMapping: 'abs',
    gradientPair: false,
    build: single(scharrXKernel),
  },
  {
    id: 'scharr-y',
    name: 'Scharr y',
    description: 'Vertical gradient with weights 3, 10, 3.',
    params: [],
    defaultMapping: 'abs',
    gradientPair: false,
    build: single(scharrYKernel),
  },
  {
    id: 'scharr-magnitude',
    name: 'Scharr magnitude',
    description: 'sqrt(gx^2 + gy^2) of the two Scharr kernels.',
    params: [],
    defaultMapping: 'clamp',
    gradientPair: true,
    build: () => ({ kernel: scharrXKernel(), kernelY: scharrYKernel() }),
  },
  {
    id: 'prewitt-x',
    name: 'Prewitt x',
    description: 'Horizontal gradient averaged over three rows with equal weights.',
    params: [],
    defaultMapping: 'abs',
    gradientPair: false,
    build: single(prewittXKernel),
  },
  {
    id: 'prewitt-y',
    name: 'Prewitt y',
    description: 'Vertical gradient averaged over three columns with equal weights.',
    params: [],
    defaultMapping: 'abs',
    gradientPair: false,
    build: single(prewittYKernel),
  },
  {
    id: 'prewitt-magnitude',
    name: 'Prewitt magnitude',
    description: 'sqrt(gx^2 + gy^2) of the two Prewitt kernels.',
    params: [],
    defaultMapping: 'clamp',
    gradientPair: true,
    build: () => ({ kernel: prewittXKernel(), kernelY: prewittYKernel() }),
  },
  {
    id: 'laplacian-4',
    name: 'Laplacian (4-neighbour)',
    description: 'Second derivative [[0,1,0],[1,-4,1],[0,1,0]]; zero on flat regions and ramps.',
    params: [],
    defaultMapping: 'shift128',
    gradientPair: false,
    build: single(laplacian4Kernel),
  },
  {
    id: 'laplacian-8',
    name: 'Laplacian (8-neighbour)',
    description: 'Second derivative including diagonals [[1,1,1],[1,-8,1],[1,1,1]].',
    params: [],
    defaultMapping: 'shift128',
    gradientPair: false,
    build: single(laplacian8Kernel),
  },
  {
    id: 'laplacian-of-gaussian',
    name: 'Laplacian of Gaussian',
    description: 'Gaussian smoothing and Laplacian in one zero-sum kernel (MATLAB fspecial log formula).',
    params: [sigmaParam(1.4, 0.5)],
    defaultMapping: 'shift128',
    gradientPair: false,
    build: (p) => ({ kernel: laplacianOfGaussianKernel(p.sigma) }),
  },
  {
    id: 'emboss',
    name: 'Emboss',
    description:
      'Relief effect: brightens where intensity rises towards the bottom right, darkens the opposite; sum 1.',
    params: [],
    defaultMapping: 'clamp',
    gradientPair: false,
    build: single(embossKernel),
  },
  {
    id: 'motion-blur',
    name: 'Motion blur',
    description:
      'Average along an anti-aliased line of the given length and angle (degrees, counter-clockwise).',
    params: [
      {
        name: 'length',
        label: 'Length (pixels)',
        min: 1,
        max: MAX_KERNEL_SIDE,
        default: 9,
        step: 1,
        integer: true,
      },
      { name: 'angle', label: 'Angle (degrees)', min: -180, max: 180, default: 0, step: 1, integer: false },
    ],
    defaultMapping: 'clamp',
    gradientPair: false,
    build: (p) => ({ kernel: motionBlurKernel(p.length, p.angle) }),
  },
  {
    id: 'homework-h',
    name: 'Homework h',
    description:
      "The homework's h = [[-1,-2,-1],[0,0,0],[1,2,1]]: -40 by convolution, +40 by correlation on 1..25.",
    params: [],
    defaultMapping: 'shift128',
    gradientPair: false,
    build: single(homeworkHKernel),
  },
];

/** Every built-in preset, in menu order (plain data: safe to send to the renderer). */
export const PRESETS: readonly PresetInfo[] = ENTRIES.map(({ build: _build, ...info }) => info);

const PRESET_IDS: readonly PresetId[] = ENTRIES.map((e) => e.id);

/** The UI description of one preset; throws a RangeError for an unknown id. */
export function presetInfo(id: string): PresetInfo {
  const known = expectOneOf('preset id', id, PRESET_IDS);
  return PRESETS[PRESET_IDS.indexOf(known)];
}

/**
 * Validates `params` against the preset's ranges (missing ones take their defaults) and returns
 * the preset's kernel(s). Errors name the parameter as `<id>.<name>`, e.g. "Expected an integer
 * between 1 and 31 for box.size but received 40"; unknown parameter names are rejected too.
 */
export function presetKernel(id: string, params: Readonly<Record<string, unknown>> = {}): PresetKernels {
  const known = expectOneOf('preset id', id, PRESET_IDS);
  const entry = ENTRIES[PRESET_IDS.indexOf(known)];
  if (typeof params !== 'object' || params === null || Array.isArray(params))
    filterError('type', `${id} params`, 'an object of parameter values', params);
  const names = entry.params.map((p) => p.name);
  for (const key of Object.keys(params)) {
    if (!names.includes(key))
      filterError(
        'range',
        `a parameter name of ${id}`,
        names.length === 0 ? 'no parameters' : `one of ${names.map((n) => `'${n}'`).join(', ')}`,
        key,
      );
  }
  const values: Record<string, number> = {};
  for (const p of entry.params) {
    const value = params[p.name] ?? p.default;
    const name = `${id}.${p.name}`;
    values[p.name] = p.integer
      ? expectInteger(name, value, p.min, p.max)
      : expectNumber(name, value, p.min, p.max);
  }
  return entry.build(values);
}

/**
 * A ready-to-run FilterSpec for a preset: correlation (the convention the sign notes above use),
 * reflect border, no normalisation (blur kernels already sum to 1), scale 1, offset 0, the preset's
 * default mapping, per-channel.
 */
export function presetSpec(id: string, params: Readonly<Record<string, unknown>> = {}): FilterSpec {
  const kernels = presetKernel(id, params);
  return {
    ...kernels,
    mode: 'correlation',
    border: 'reflect',
    normalize: false,
    scale: 1,
    offset: 0,
    mapping: presetInfo(id).defaultMapping,
    channels: 'per-channel',
  };
}
