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
};
