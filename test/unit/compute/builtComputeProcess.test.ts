// The Electron build's compute process, run under plain Node (Electron cannot run here): the main
// build's computeProcess.js entry with its worker threads on the built poolWorker.js, task modules
// found by URL in the mirrored module tree, and the addon named by CONVSCOPE_KERNELS_ADDON, as
// main/index.ts passes it to the utilityProcess. Nothing may need tsx or the TypeScript sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtAddonPath } from '../../../main/compute/builtAddonPath.js';
import { createComputeClient, type ComputeClient } from '../../../main/compute/computeClient.js';
import { createNodeTransport } from '../../../main/compute/nodeTransport.js';
import { filterImage } from '../../../main/service/filter/filterImage.js';
import { presetSpec } from '../../../main/service/filter/presets.js';
import { loadImage } from '../../../main/service/image/loadImage.js';

const root = path.resolve('.');
// Inside the repository (and ignored by git), so the built modules resolve node_modules as in out/.
const outDir = path.join(root, 'build-test', 'app-out');
const photo = path.join(root, 'test/fixtures/photos/chelsea.png');
let client: ComputeClient;

beforeAll(() => {
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'),
      'build',
      '--outDir',
      outDir,
      '--logLevel',
      'error',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  client = createComputeClient({
    transport: () =>
      createNodeTransport({
        entry: pathToFileURL(path.join(outDir, 'main', 'computeProcess.js')),
        env: { ...process.env, CONVSCOPE_KERNELS_ADDON: builtAddonPath(root) },
      }),
  });
}, 120_000);

afterAll(async () => {
  await client?.close();
});

describe('the built compute process', () => {
  it('is JavaScript only, with its pool worker beside it', () => {
    const files = readdirSync(path.join(outDir, 'main'), { recursive: true }).map(String);
    expect(files).toContain('computeProcess.js');
    expect(files).toContain('poolWorker.js');
    expect(files.filter((f) => f.endsWith('.ts') || f.endsWith('.mjs'))).toEqual([]);
    expect(readFileSync(path.join(outDir, 'main', 'poolWorker.js'), 'utf8')).not.toContain('tsx');
    expect(existsSync(path.join(outDir, 'main', 'main', 'compute', 'jobs', 'filter.js'))).toBe(true);
  });

  it('loads, filters on its worker threads and previews like the in-process kernels', async () => {
    await client.ready();
    const stored = await client.run('loadImage', { path: photo });
    const local = await loadImage(photo);
    const spec = presetSpec('sobel-x');
    const remote = await client.run('filter', { id: stored.id, spec });
    expect(Buffer.from(remote.data!).equals(Buffer.from(filterImage(local, spec).image.data))).toBe(true);
    const preview = await client.run('preview', {
      id: stored.id,
      region: { x: 10, y: 20, width: 30, height: 40 },
      outWidth: 30,
      outHeight: 40,
      spec,
    });
    expect(preview.values?.length).toBe(30 * 40 * 3);
  }, 60_000);

  it('opens the shipped network from the copied assets and runs a test digit', async () => {
    const model = await client.run('openModel', { builtin: true });
    const run = await client.run('runModel', { id: model.id, input: { kind: 'digit', index: 0 } });
    expect(run.probabilities).toHaveLength(10);
    expect(existsSync(path.join(outDir, 'main', 'main', 'assets', 'mnist', 'mnist-10k.bin.gz'))).toBe(true);
  }, 60_000);
});
