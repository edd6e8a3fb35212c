/**
 * 'kernelOp': one kernel-library op for the concepts lab, through the native front, which checks
 * every argument itself (shapes, options, ranges) with the library's own messages.
 */
import {
  avgPool2d,
  batchNormBackwardTrain,
  batchNormTrain,
  conv2d,
  conv2dBackward,
  dropout,
  globalAvgPool,
  linear,
  maxPool2d,
  relu,
} from '../../../native-kernels/index.js';
import type { Tensor } from '../../../native-kernels/types.js';
import type { LabKernelRequest, LabKernelResult, LabTensor } from '../../../preload/labContract.js';
import type { JobHandler } from '../jobRegistry.js';
import type { JobIO } from '../jobTypes.js';

declare module '../jobTypes.js' {
  interface ComputeJobs {
    kernelOp: JobIO<LabKernelRequest, LabKernelResult>;
  }
}

const out = (t: Tensor): LabTensor => ({ shape: [...t.shape], data: t.data });
const vector = (data: Float32Array): LabTensor => ({ shape: [data.length], data });

export const kernelOp: JobHandler<LabKernelRequest, LabKernelResult> = (r): LabKernelResult => {
  switch (r.op) {
    case 'conv2d':
      return { y: out(conv2d(r.x, r.w, r.bias, r.options)) };
    case 'conv2dBackward': {
      const g = conv2dBackward(r.x, r.w, r.dy, r.options, r.hasBias);
      const grads: LabKernelResult = { dx: out(g.dx), dw: out(g.dw) };
      if (g.db) grads.db = out(g.db);
      return grads;
    }
    case 'batchNormTrain': {
      const b = batchNormTrain(r.x, r.gamma, r.beta, null, null, { eps: r.eps });
      return { y: out(b.y), mean: vector(b.mean), invstd: vector(b.invstd) };
    }
    case 'batchNormBackwardTrain': {
      const g = batchNormBackwardTrain(r.x, r.dy, r.gamma, r.mean, r.invstd);
      return { dx: out(g.dx), dgamma: vector(g.dgamma), dbeta: vector(g.dbeta) };
    }
    case 'relu':
      return { y: out(relu(r.x)) };
    case 'globalAvgPool':
      return { y: out(globalAvgPool(r.x)) };
    case 'linear':
      return { y: out(linear(r.x, r.w, r.bias)) };
    case 'maxPool2d':
      return { y: out(maxPool2d(r.x, r.options).y) };
    case 'avgPool2d':
      return { y: out(avgPool2d(r.x, r.options)) };
    case 'dropout': {
      const d = dropout(r.x, r.p, r.seed);
      return { y: out(d.y), mask: { shape: [...r.x.shape], data: Float32Array.from(d.mask) } };
    }
    default:
      throw new RangeError(`Expected a lab op but received ${JSON.stringify((r as { op?: unknown }).op)}`);
  }
};
