/**
 * The concepts lab's one back-end call, 'lab:kernel': a single kernel-library op on small tensors,
 * run by the native kernels in the compute process, so every number an instrument shows comes from
 * the same kernels as the studio, the explorer and training (or from a closed form it is compared
 * with). Tensors are row-major with their shape.
 */
import type { Conv2dOptions, Pool2dOptions } from '../native-kernels/types.js';

export interface LabTensor {
  shape: number[];
  data: Float32Array;
}

/** Convolution options as the lab sends them (the algorithm switch stays the kernels' own). */
export type LabConvOptions = Omit<Conv2dOptions, 'algorithm'>;

export type LabKernelRequest =
  | { op: 'conv2d'; x: LabTensor; w: LabTensor; bias: Float32Array | null; options: LabConvOptions }
  | {
      op: 'conv2dBackward';
      x: LabTensor;
      w: LabTensor;
      dy: LabTensor;
      options: LabConvOptions;
      hasBias: boolean;
    }
  | { op: 'batchNormTrain'; x: LabTensor; gamma: Float32Array; beta: Float32Array; eps: number }
  | {
      op: 'batchNormBackwardTrain';
      x: LabTensor;
      dy: LabTensor;
      gamma: Float32Array;
      mean: Float32Array;
      invstd: Float32Array;
    }
  | { op: 'relu'; x: LabTensor }
  | { op: 'globalAvgPool'; x: LabTensor }
  | { op: 'linear'; x: LabTensor; w: LabTensor; bias: Float32Array | null }
  | { op: 'maxPool2d'; x: LabTensor; options: Pool2dOptions }
  | { op: 'avgPool2d'; x: LabTensor; options: Pool2dOptions }
  | { op: 'dropout'; x: LabTensor; p: number; seed: number };

export type LabKernelOp = LabKernelRequest['op'];

/**
 * The op's outputs by name: conv2d, relu, globalAvgPool, linear, the pools: y; conv2dBackward: dx,
 * dw (and db); batchNormTrain: y, mean, invstd; batchNormBackwardTrain: dx, dgamma, dbeta;
 * dropout: y and mask (1 kept, 0 dropped).
 */
export type LabKernelResult = Record<string, LabTensor>;
