/**
 * Question 3(f)'s network as a chain of kernel ops: CONV2-3 (stride 1, padding 1) → ReLU →
 * CONV2-3 → ReLU → GAP → FC-3. Three variants run side by side:
 *   'circular'      the homework's circular padding as the kernels compute it (9×9, then 10×10 maps);
 *   'zeros'         zero padding, for comparison;
 *   'circular-crop' circular padding with each conv's output cropped to the input's size (8×8),
 *                   i.e. the convolution on the torus that the invariance argument assumes.
 * Only the crop and the GAP-to-vector reshape happen here; every number comes from a kernel op.
 */
import type { LabTensor } from '../../../../preload/labContract.js';
import { cropMaps } from './cropMaps.js';
import type { ChainStep } from './runKernelChain.js';
import { WEIGHT_SHAPES, type InvarianceWeights } from './seededWeights.js';

export type InvarianceVariant = 'circular' | 'zeros' | 'circular-crop';

export const INVARIANCE_VARIANTS: readonly { id: InvarianceVariant; label: string }[] = [
  { id: 'circular', label: 'circular padding (kernel output)' },
  { id: 'zeros', label: 'zero padding' },
  { id: 'circular-crop', label: 'circular, cropped to 8×8 (torus)' },
];

export function invarianceSteps(weights: InvarianceWeights, variant: InvarianceVariant): ChainStep[] {
  const paddingMode = variant === 'zeros' ? 'zeros' : 'circular';
  const conv = (label: string, w: number[], b: number[], shape: readonly number[]): ChainStep => ({
    label,
    kernel: (x) => ({
      op: 'conv2d',
      x,
      w: { shape: [...shape], data: Float32Array.from(w) },
      bias: Float32Array.from(b),
      options: { stride: 1, padding: 1, paddingMode },
    }),
  });
  // The torus variant keeps the input's size: the first n×n of each (n+1)×(n+1) map.
  const crop = (label: string, size: number): ChainStep[] =>
    variant === 'circular-crop' ? [{ label, local: (x: LabTensor) => cropMaps(x, size, size) }] : [];
  return [
    conv('conv1', weights.conv1.w, weights.conv1.b, WEIGHT_SHAPES.conv1),
    ...crop('crop1', 8),
    { label: 'relu1', kernel: (x) => ({ op: 'relu', x }) },
    conv('conv2', weights.conv2.w, weights.conv2.b, WEIGHT_SHAPES.conv2),
    ...crop('crop2', 8),
    { label: 'relu2', kernel: (x) => ({ op: 'relu', x }) },
    { label: 'gap', kernel: (x) => ({ op: 'globalAvgPool', x }) },
    // GAP returns N×C×1×1; the FC layer takes N×C (the same values).
    { label: 'vector', local: (x) => ({ shape: x.shape.slice(0, 2), data: x.data }) },
    {
      label: 'fc',
      kernel: (x) => ({
        op: 'linear',
        x,
        w: { shape: [...WEIGHT_SHAPES.fc], data: Float32Array.from(weights.fc.w) },
        bias: Float32Array.from(weights.fc.b),
      }),
    },
  ];
}
