// Open images are bounded: opening one more than MAX_OPEN_IMAGES releases the one used longest ago
// (a reloaded page never closes the images of its previous life and must not lock the app out),
// and an image in use stays open.
import { describe, expect, it } from 'vitest';
import { MAX_OPEN_IMAGES } from '../../../main/api/createApiHandlers.js';
import { browserApi } from './browserApi.js';

const api = browserApi();

describe('open images', () => {
  it('release the least recently used one beyond the bound', async () => {
    const ids: string[] = [];
    for (let i = 0; i < MAX_OPEN_IMAGES; i++) ids.push((await api['image:openSample'](null)).id);
    // Using the first makes the second the oldest.
    await api['image:pixels']({ imageId: ids[0], region: { x: 0, y: 0, width: 2, height: 2 } });
    const newest = (await api['image:openSample'](null)).id;
    await expect(api['image:pixels']({ imageId: ids[1] })).rejects.toThrow(/id of an open image/);
    for (const id of [ids[0], ids[2], ids.at(-1)!, newest])
      expect(
        (await api['image:pixels']({ imageId: id, region: { x: 0, y: 0, width: 1, height: 1 } })).width,
      ).toBe(1);
  }, 60_000);
});
