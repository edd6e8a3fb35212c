// Every channel's validator: accepts its valid request, rejects malformed ones with a TypeError or
// RangeError naming the field, before anything runs.
import { describe, expect, it } from 'vitest';

import { CHANNELS, type Channel } from '../../../preload/contract.js';
import { MAX_REQUEST_BYTES } from '../../../main/api/requestChecks.js';
import { validateRequest } from '../../../main/api/validateRequest.js';
import { VALID_REQUESTS } from './samplePayloads.js';

describe('validateRequest', () => {
  it('accepts a valid request on every channel', () => {
    for (const channel of CHANNELS)
      expect(() => validateRequest(channel, VALID_REQUESTS[channel])).not.toThrow();
  });

  it('rejects an object where no request is expected, and unknown channels', () => {
    for (const channel of CHANNELS.filter((c) => VALID_REQUESTS[c] === null))
      expect(() => validateRequest(channel, { evil: true }), channel).toThrow(TypeError);
    expect(() => validateRequest('shell:exec' as Channel, null)).toThrow(/contract channel/);
  });

  const bad: Array<[Channel, unknown, ErrorConstructor, RegExp]> = [
    ['image:openBytes', { name: 'a.png', bytes: [1, 2, 3] }, TypeError, /request\.bytes/],
    ['image:openBytes', { name: 'a.png', bytes: new Uint8Array(0) }, RangeError, /request\.bytes/],
    ['image:openBytes', { name: '', bytes: new Uint8Array(1) }, RangeError, /request\.name/],
    ['image:openBytes', { name: 'x'.repeat(300), bytes: new Uint8Array(1) }, RangeError, /request\.name/],
    ['image:openBytes', { name: 'a.png' }, TypeError, /request\.bytes/],
    ['image:openPath', { path: 'relative/photo.png' }, RangeError, /request\.path/],
    ['image:openPath', { path: '/tmp/a\0b' }, RangeError, /request\.path/],
    ['image:openPath', { path: 42 }, TypeError, /request\.path/],
    ['image:openPath', { path: '/tmp/a.png', extra: 1 }, RangeError, /"extra"/],
    ['image:close', 'abc', TypeError, /request/],
    ['image:pixels', { imageId: 'a', region: { x: -1, y: 0, width: 1, height: 1 } }, RangeError, /region\.x/],
    [
      'image:pixels',
      { imageId: 'a', region: { x: 0, y: 0, width: 0, height: 1 } },
      RangeError,
      /region\.width/,
    ],
    [
      'image:pixels',
      { imageId: 'a', region: { x: 0.5, y: 0, width: 1, height: 1 } },
      RangeError,
      /region\.x/,
    ],
    ['image:pixels', { imageId: 'a', region: { x: 0, y: 0, width: 1 } }, TypeError, /region\.height/],
    ['image:pixels', { imageId: 'a', scale: 0 }, RangeError, /request\.scale/],
    ['image:pixels', { imageId: 'a', scale: Number.NaN }, RangeError, /request\.scale/],
    ['image:pixels', { imageId: 'a', scale: 1000 }, RangeError, /request\.scale/],
    ['image:pixels', { imageId: 'a', scale: '1' }, TypeError, /request\.scale/],
    ['image:pixels', { imageId: 7 }, TypeError, /request\.imageId/],
    [
      'filter:preview',
      { imageId: 'a', filter: { kernel: [[1, 2], [3]] } },
      RangeError,
      /request\.filter.*row 2/,
    ],
    [
      'filter:preview',
      { imageId: 'a', filter: { kernel: [[1]], mapping: 'wild' } },
      RangeError,
      /request\.filter/,
    ],
    ['filter:preview', { imageId: 'a', filter: { kernel: [[1]], mapings: 'clamp' } }, RangeError, /mapings/],
    ['filter:preview', { imageId: 'a' }, TypeError, /request\.filter/],
    [
      'export:image',
      { imageId: 'a', filter: { kernel: [[1]] }, format: 'bmp' },
      RangeError,
      /request\.format/,
    ],
    [
      'export:image',
      { imageId: 'a', filter: { kernel: [[1]] }, format: 'png', depth: 12 },
      RangeError,
      /request\.depth/,
    ],
    [
      'export:image',
      { imageId: 'a', filter: { kernel: [[1]] }, format: 'png', depth: '8' },
      RangeError,
      /request\.depth/,
    ],
    [
      'export:image',
      { imageId: 'a', filter: { kernel: [[1]] }, format: 'jpeg', quality: 101 },
      RangeError,
      /quality/,
    ],
    [
      'export:image',
      { imageId: 'a', filter: { kernel: [[1]] }, format: 'png', sidecar: 'yes' },
      TypeError,
      /sidecar/,
    ],
    [
      'export:image',
      { imageId: 'a', filter: { kernel: [[1]] }, format: 'png', targetPath: 'x.png' },
      RangeError,
      /targetPath/,
    ],
    ['export:chooseTarget', { suggestedName: null }, TypeError, /suggestedName/],
  ];
  it.each(bad)('%s rejects %j', (channel, payload, type, field) => {
    let error: unknown;
    try {
      validateRequest(channel, payload);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(field);
  });

  it('caps byte arrays without copying them', () => {
    // A view claiming more than the cap: length is checked, not the contents.
    const tooBig = new Uint8Array(new ArrayBuffer(MAX_REQUEST_BYTES + 1));
    expect(() => validateRequest('image:openBytes', { name: 'big.png', bytes: tooBig })).toThrow(RangeError);
  });

  it('returns a fresh object with only the known fields', () => {
    const request = validateRequest('export:image', {
      imageId: 'a',
      filter: { kernel: [[1]] },
      format: 'png',
    });
    expect(Object.keys(request).sort()).toEqual(['filter', 'format', 'imageId']);
  });

  it('refuses objects that are not plain (class instances, arrays)', () => {
    class Sneaky {
      path = '/tmp/a.png';
    }
    expect(() => validateRequest('image:openPath', new Sneaky())).toThrow(TypeError);
    expect(() => validateRequest('image:openPath', ['/tmp/a.png'])).toThrow(TypeError);
  });
});
