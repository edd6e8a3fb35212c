/**
 * The homework's network: 28x28x1 -> CONV3-10 (pad 1) -> [BN] -> ReLU -> POOL2 -> CONV3-10 (pad 1)
 * -> [BN] -> ReLU -> POOL2 -> FLATTEN -> [DROPOUT p] -> FC-10, and its tensors by torch-style name
 * (conv1.weight, bn1.running_var, fc.bias ...). Training, the graph builder and the weights file
 * all go through this one list, so a tensor cannot be named or shaped differently in two places.
 */

export interface HomeworkArchitecture {
  /** Batch norm after each convolution, before its ReLU. */
  batchNorm: boolean;
  /** Dropout probability before the FC layer, in [0, 1); 0 means no dropout layer. */
  dropout: number;
}

/** Tensors by name (see homeworkTensorSpecs), float32, row-major. */
export type HomeworkWeights = Record<string, Float32Array>;

export type TensorRole = 'weight' | 'bias' | 'bnScale' | 'bnShift' | 'runningMean' | 'runningVar';

export interface HomeworkTensorSpec {
  name: string;
  dims: number[];
  role: TensorRole;
  /** Updated by the optimizer (running statistics are not: batch norm updates them itself). */
  trainable: boolean;
}

export const INPUT_SIZE = 28;
export const CHANNELS = 10;
export const KERNEL = 3;
export const CLASSES = 10;
/** 10 channels of 7x7 after the second pooling. */
export const FC_INPUTS = CHANNELS * 7 * 7;
/** torch.nn.BatchNorm2d's defaults. */
export const BN_EPS = 1e-5;
export const BN_MOMENTUM = 0.1;
export const HOMEWORK_CLASSES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Every tensor of the network in forward order, trainable ones in the optimizer's order. */
export function homeworkTensorSpecs(arch: HomeworkArchitecture): HomeworkTensorSpec[] {
  const specs: HomeworkTensorSpec[] = [];
  const add = (name: string, dims: number[], role: TensorRole): void => {
    specs.push({ name, dims, role, trainable: role !== 'runningMean' && role !== 'runningVar' });
  };
  for (const [layer, inChannels] of [
    [1, 1],
    [2, CHANNELS],
  ] as const) {
    add(`conv${layer}.weight`, [CHANNELS, inChannels, KERNEL, KERNEL], 'weight');
    add(`conv${layer}.bias`, [CHANNELS], 'bias');
    if (arch.batchNorm) {
      add(`bn${layer}.weight`, [CHANNELS], 'bnScale');
      add(`bn${layer}.bias`, [CHANNELS], 'bnShift');
      add(`bn${layer}.running_mean`, [CHANNELS], 'runningMean');
      add(`bn${layer}.running_var`, [CHANNELS], 'runningVar');
    }
  }
  add('fc.weight', [CLASSES, FC_INPUTS], 'weight');
  add('fc.bias', [CLASSES], 'bias');
  return specs;
}

/** A one-line description, e.g. for manifests and titles. */
export function describeHomework(arch: HomeworkArchitecture): string {
  const bn = arch.batchNorm ? ' -> BN' : '';
  const dropout = arch.dropout > 0 ? ` -> DROPOUT ${arch.dropout}` : '';
  return (
    `28x28x1 -> CONV3-10 (pad 1)${bn} -> ReLU -> POOL2 -> CONV3-10 (pad 1)${bn} -> ReLU -> POOL2 ` +
    `-> FLATTEN${dropout} -> FC-10`
  );
}

/** Checks an architecture from outside (a file, a request): exactly the two fields, in range. */
export function checkArchitecture(value: unknown, name = 'architecture'): HomeworkArchitecture {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError(
      `Expected an object for ${name} but received ${value === null ? 'null' : typeof value}`,
    );
  const { batchNorm, dropout } = value as Record<string, unknown>;
  if (typeof batchNorm !== 'boolean')
    throw new TypeError(`Expected a boolean for ${name}.batchNorm but received ${String(batchNorm)}`);
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout < 1))
    throw new RangeError(`Expected a number in [0, 1) for ${name}.dropout but received ${String(dropout)}`);
  return { batchNorm, dropout };
}
