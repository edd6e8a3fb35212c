// The renderer's browser bridge, run in Node with Node's fetch, against a real host: what a
// handler returns arrives exactly (typed arrays included), errors arrive as errors, and one call
// goes all the way through the real API handlers and the compute process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

import type { DisplayPixels, PreviewResult } from '../../../preload/contract.js';
import { createApiHandlers } from '../../../main/api/createApiHandlers.js';
import { createComputeClient, type ComputeClient } from '../../../main/compute/computeClient.js';
import { startHost, type Host } from '../../../main/host/startHost.js';
import { BridgeCallError, createBrowserBridge } from '../../../renderer/src/api/browserBridge.js';
import { tokenFromLocation } from '../../../renderer/src/api/tokenFromLocation.js';
import { decodeWire, encodeWire } from '../../../renderer/src/api/wireCodec.js';
import { fakeHandlers, makeRendererDir, rawRequest } from './hostFixture.js';

const received: unknown[] = [];
const pixels: DisplayPixels = { width: 2, height: 1, rgba: new Uint8Array([1, 2, 3, 255, 250, 251, 252, 0]) };
const preview: PreviewResult = {
  ...pixels,
  min: -0,
  max: 4.5,
  histogram: Array.from({ length: 256 }, (_, i) => (i === 3 ? 2 : 0)),
  values: new Float32Array([-1.5, NaN, 1e-40, 4.5, 0, 2, 3, Infinity]),
};

let fixture: ReturnType<typeof makeRendererDir>;
let host: Host;

beforeAll(async () => {
  fixture = makeRendererDir();
  host = await startHost({
    rendererDir: fixture.rendererDir,
    maxRequestBytes: 64 * 1024,
    handlers: fakeHandlers({
      'image:openBytes': async (request) => {
        received.push(request);
        return { id: 'a', name: request.name, width: 1, height: 1, channels: 3, depth: 8, hasAlpha: false };
      },
      'image:pixels': async (request) => {
        received.push(request);
        return pixels;
      },
      'filter:preview': async () => preview,
      'image:close': async () => {
        const error = new Error('superseded by a newer preview');
        error.name = 'CancelledError';
        throw error;
      },
    }),
  });
});

afterAll(async () => {
  await host.close();
  fixture.cleanup();
});

function bridgeFor(target: Host, token = target.token) {
  return createBrowserBridge({ origin: target.origin, token, fetch: (url, init) => fetch(url, init) });
}

describe('browser bridge through a real host', () => {
  it('sends typed arrays in requests and returns what the handler returned, exactly', async () => {
    const api = bridgeFor(host);
    const bytes = new Uint8Array(40_000).map((_, i) => (i * 7) & 0xff);
    const info = await api['image:openBytes']({ name: 'photo.png', bytes });
    expect(info).toEqual({
      id: 'a',
      name: 'photo.png',
      width: 1,
      height: 1,
      channels: 3,
      depth: 8,
      hasAlpha: false,
    });
    const got = received.at(-1) as { name: string; bytes: Uint8Array };
    expect(got.bytes).toBeInstanceOf(Uint8Array);
    expect(got.bytes).toEqual(bytes);

    const answer = await api['image:pixels']({ imageId: 'a', region: { x: 0, y: 0, width: 2, height: 1 } });
    expect(answer).toEqual(pixels);
    expect(answer.rgba).toBeInstanceOf(Uint8Array);
    // The validator passed on only the known fields.
    expect(received.at(-1)).toEqual({ imageId: 'a', region: { x: 0, y: 0, width: 2, height: 1 } });

    const result = await api['filter:preview']({
      imageId: 'a',
      filter: { version: 1, kernel: [[1]] },
    });
    expect(result.values).toBeInstanceOf(Float32Array);
    expect(new Uint8Array((result.values as Float32Array).buffer)).toEqual(
      new Uint8Array((preview.values as Float32Array).buffer),
    );
    expect(Object.is(result.min, -0)).toBe(true);
    expect(result.histogram).toEqual(preview.histogram);
  });

  it('turns handler errors into rejections with the message and the error name', async () => {
    const api = bridgeFor(host);
    const error = await api['image:close']({ imageId: 'a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeCallError);
    expect((error as BridgeCallError).message).toBe('superseded by a newer preview');
    expect((error as BridgeCallError).name).toBe('CancelledError');
    expect((error as BridgeCallError).status).toBe(500);
  });

  it('validates requests before any handler runs', async () => {
    const api = bridgeFor(host);
    const before = received.length;
    const bad = { name: 'x.png', bytes: new Uint8Array(4), extra: 1 } as unknown as {
      name: string;
      bytes: Uint8Array;
    };
    await expect(api['image:openBytes'](bad)).rejects.toThrow(/only the fields name, bytes/);
    const wrongType = { name: 'x.png', bytes: new Uint16Array(4) } as unknown as {
      name: string;
      bytes: Uint8Array;
    };
    await expect(api['image:openBytes'](wrongType)).rejects.toThrow(
      /Expected a Uint8Array for request.bytes/,
    );
    await expect(api['image:pixels']({ imageId: '' })).rejects.toMatchObject({ status: 400 });
    expect(received.length).toBe(before);
  });

  it('rejects with the HTTP status when the host refuses the call', async () => {
    await expect(bridgeFor(host, 'wrong')['image:close']({ imageId: 'a' })).rejects.toMatchObject({
      status: 403,
    });
    const big = { name: 'big.png', bytes: new Uint8Array(100_000) };
    await expect(bridgeFor(host)['image:openBytes'](big)).rejects.toMatchObject({ status: 413 });
  });

  it('answers malformed bodies and unknown channels with {error}, not a crash', async () => {
    const headers = { 'content-type': 'application/octet-stream', 'x-convscope-token': host.token };
    const garbage = await rawRequest(host.address().port, {
      method: 'POST',
      path: '/api/image:close',
      headers,
      body: new Uint8Array([255, 255, 255, 255, 1]),
    });
    expect(garbage.status).toBe(400);
    expect(decodeWire(garbage.body)).toMatchObject({
      error: expect.stringMatching(/Header of 4294967295 bytes/),
    });
    const unknown = await rawRequest(host.address().port, {
      method: 'POST',
      path: '/api/fs:readFile',
      headers,
      body: encodeWire({ path: '/etc/passwd' }),
    });
    expect(unknown.status).toBe(404);
    expect(decodeWire(unknown.body)).toEqual({ error: 'Unknown channel "fs:readFile"', name: 'Error' });
    // The host is still up.
    expect((await rawRequest(host.address().port, { path: `/${host.token}/` })).status).toBe(200);
  });

  it('finds the token in the page path the host prints', () => {
    expect(tokenFromLocation(new URL(host.url).pathname)).toBe(host.token);
    expect(tokenFromLocation('/')).toBeNull();
    expect(tokenFromLocation('/assets/app.js')).toBeNull();
  });
});

describe('browser bridge end to end: real handlers and compute process', () => {
  let compute: ComputeClient;
  let real: Host;

  beforeAll(async () => {
    compute = createComputeClient();
    const handlers = createApiHandlers({
      compute,
      shell: 'browser',
      sampleDir: fileURLToPath(new URL('../../../main/assets/sample/', import.meta.url)),
    });
    real = await startHost({ rendererDir: fixture.rendererDir, handlers });
  });

  afterAll(async () => {
    await real.close();
    await compute.close();
  });

  it("'app:info' and 'filter:presets' return what the handlers return", async () => {
    const api = bridgeFor(real);
    expect(await api['app:info'](null)).toMatchObject({ shell: 'browser' });
    const presets = await api['filter:presets'](null);
    const direct = await createApiHandlers({ compute, shell: 'browser', sampleDir: '/nowhere' })[
      'filter:presets'
    ](null);
    expect(presets).toEqual(direct);
    expect(presets.map((p) => p.id)).toContain('sobel-x');
  });

  it('opens the sample and reads its pixels through the compute process; Electron-only channels reject', async () => {
    const api = bridgeFor(real);
    const info = await api['image:openSample'](null);
    expect(info.width).toBeGreaterThan(0);
    const shown = await api['image:pixels']({
      imageId: info.id,
      region: { x: 0, y: 0, width: 8, height: 4 },
    });
    expect(shown.rgba).toBeInstanceOf(Uint8Array);
    expect(shown.rgba.length).toBe(shown.width * shown.height * 4);
    await expect(api['image:openPath']({ path: '/etc/passwd' })).rejects.toThrow(
      /not available in browser mode/,
    );
    await expect(api['image:openDialog'](null)).rejects.toThrow(/not available in browser mode/);
    await api['image:close']({ imageId: info.id });
  });
});
