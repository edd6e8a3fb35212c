import { describe, expect, it } from 'vitest';
import { presetSpec } from '../../../main/service/filter/presets.js';
import { specToKernelFile } from '../../../main/service/filter/parseKernel.js';
import {
  callPresetKernel,
  type PresetKernelRequest,
} from '../../../renderer/src/studio/kernel/presetKernelCaller.js';

describe('callPresetKernel', () => {
  it('explains that the back end lacks the channel when the api has no such call', async () => {
    await expect(callPresetKernel({}, 'box', { size: 3 })).rejects.toThrow(/'filter:presetKernel'/);
  });

  it('sends { id, params } and returns the checked kernel file with every option', async () => {
    const requests: PresetKernelRequest[] = [];
    const fakeApi = {
      'filter:presetKernel': async (request: PresetKernelRequest) => {
        requests.push(request);
        return specToKernelFile(presetSpec(request.id, request.params));
      },
    };
    const file = await callPresetKernel(fakeApi, 'sobel-magnitude', {});
    expect(requests).toEqual([{ id: 'sobel-magnitude', params: {} }]);
    expect(file.kernel).toEqual([
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ]);
    expect(file.kernelY).toEqual([
      [-1, -2, -1],
      [0, 0, 0],
      [1, 2, 1],
    ]);
    expect(file.normalize).toBe(false);
    const box = await callPresetKernel(fakeApi, 'box', { size: 4 });
    expect(box.kernel).toHaveLength(4);
  });

  it('passes the back end error on and rejects a malformed answer', async () => {
    const failing = {
      'filter:presetKernel': async () => Promise.reject(new RangeError('box.size out of range')),
    };
    await expect(callPresetKernel(failing, 'box', { size: 40 })).rejects.toThrow('box.size out of range');
    const bad = { 'filter:presetKernel': async () => ({ kernel: [[1, 2], [3]] }) };
    await expect(callPresetKernel(bad, 'box', {})).rejects.toThrow(/bad kernel for preset box: kernel row 2/);
  });
});
