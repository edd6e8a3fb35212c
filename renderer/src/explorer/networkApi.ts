/**
 * The explorer's and the training panel's calls to the back end ('network:*', 'train:*'), in one
 * place with the names the screens use.
 */
import type { ModelExportFormat, NetworkInput, TrainSettings } from '../../../preload/networkContract.js';
import { api } from '../api/index.js';

/** A tensor as it travels: dims and row-major values. */
export interface TensorData {
  dims: number[];
  data: Float32Array;
}

export const networkApi = {
  builtin: () => api['network:builtin'](null),
  models: () => api['network:models'](null),
  openModel: (name: string, bytes: Uint8Array) => api['network:openModel']({ name, bytes }),
  digits: (label: number | null, offset: number, count: number) =>
    api['network:digits']({ label, offset, count }),
  run: (modelId: string, input: NetworkInput) => api['network:run']({ modelId, input }),
  weights: (modelId: string, layer: number) => api['network:weights']({ modelId, layer }),
  inputGradient: (
    modelId: string,
    input: NetworkInput,
    layer: number,
    unit: { channel: number; y: number; x: number },
  ) => api['network:inputGradient']({ modelId, input, layer, unit }),
  export: (modelId: string, format: ModelExportFormat, targetPath?: string) =>
    api['network:export'](targetPath === undefined ? { modelId, format } : { modelId, format, targetPath }),
  trainStart: (taskId: string, settings: TrainSettings) => api['train:start']({ taskId, settings }),
  trainStatus: (taskId: string) => api['train:status']({ taskId }),
  cancel: (taskId: string) => api['task:cancel']({ taskId }),
};
