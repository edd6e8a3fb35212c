// A valid request for every channel (the contract tests iterate over these), plus helpers.
import type { Channel, RequestOf } from '../../../preload/contract.js';

const sobelX = {
  kernel: [
    [-1, 0, 1],
    [-2, 0, 2],
    [-1, 0, 1],
  ],
};

/** One valid request per channel (image ids need not exist for validation). */
export const VALID_REQUESTS: { [C in Channel]: RequestOf<C> } = {
  'app:info': null,
  'image:openSample': null,
  'image:openBytes': { name: 'photo.png', bytes: new Uint8Array([1, 2, 3]) },
  'image:openPath': { path: '/tmp/photo.png' },
  'image:openDialog': null,
  'image:close': { imageId: 'abc' },
  'image:pixels': { imageId: 'abc', region: { x: 0, y: 0, width: 4, height: 4 }, scale: 0.5 },
  'filter:presets': null,
  'filter:presetKernel': { id: 'gaussian', params: { sigma: 2 } },
  'filter:preview': { imageId: 'abc', filter: sobelX },
  'export:image': { imageId: 'abc', filter: sobelX, format: 'png', depth: 8 },
  'export:chooseTarget': { suggestedName: 'out.png' },
  'recent:list': null,
  'task:progress': { taskId: 'export-1' },
  'task:cancel': { taskId: 'export-1' },
  'network:builtin': null,
  'network:openModel': { name: 'model.onnx', bytes: new Uint8Array([8, 8]) },
  'network:models': null,
  'network:digits': { label: 3, offset: 0, count: 10 },
  'network:run': { modelId: 'm', input: { kind: 'digit', index: 0 } },
  'network:weights': { modelId: 'm', layer: 1 },
  'network:inputGradient': {
    modelId: 'm',
    input: { kind: 'drawn', pixels: new Uint8Array(784) },
    layer: 3,
    unit: { channel: 0, y: 1, x: 2 },
  },
  'network:export': { modelId: 'm', format: 'onnx' },
  'train:start': {
    taskId: 'train-1',
    settings: {
      epochs: 1,
      optimizer: 'adam',
      learningRate: 0.01,
      momentum: 0.9,
      weightDecay: 0,
      lrDecay: 1,
      batchSize: 64,
      batchNorm: true,
      dropout: 0,
      initScale: null,
      seed: 1,
    },
  },
  'train:status': { taskId: 'train-1' },
  'lab:kernel': {
    op: 'conv2d',
    x: { shape: [1, 1, 3, 3], data: new Float32Array(9) },
    w: { shape: [1, 1, 2, 2], data: new Float32Array(4) },
    bias: null,
    options: { padding: 1, paddingMode: 'circular' },
  },
};
