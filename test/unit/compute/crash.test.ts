// A real SIGSEGV in a worker thread of the compute process (the test build of the addon): it costs
// only the job that was running; the process restarts (time printed) and queued jobs still run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createComputeClient, type ComputeClient } from '../../../main/compute/computeClient.js';
import { ComputeCrashError } from '../../../main/compute/errors.js';
import { conv2d } from '../../../native-kernels/index.js';
import { mulberry32, randomTensor } from '../../helpers/random.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const testAddon = path.join(root, 'build-test', 'convscope_kernels.node');

let client: ComputeClient;

beforeAll(() => {
  // The script returns at once when the build is newer than every source file.
  execFileSync('bash', [path.join(root, 'scripts', 'build-test-addon.sh')], { cwd: root, stdio: 'inherit' });
  if (!existsSync(testAddon)) throw new Error(`${testAddon} was not built`);
  client = createComputeClient({ env: { ...process.env, CONVSCOPE_KERNELS_ADDON: testAddon } });
}, 300_000);

afterAll(async () => {
  await client.close();
});

const rng = mulberry32(9);
const x = randomTensor(rng, [1, 4, 31, 33]);
const w = randomTensor(rng, [6, 4, 5, 5]);
const options = { padding: 2 };
const expected = conv2d(x, w, null, options);

describe('a native crash in the compute process', () => {
  it('fails only the running job, restarts the process, and runs the job queued behind it', async () => {
    const before = await client.ready();
    const crash = client.start('crash', null);
    // Queued (concurrency 1) before the crash: it never reached the dying process.
    const queued = client.run('conv2dBands', { x, w, bias: null, options });

    const error = await crash.result.catch((e: unknown) => e);
    const crashedAt = performance.now();
    expect(error).toBeInstanceOf(ComputeCrashError);
    expect((error as ComputeCrashError).signal).toBe('SIGSEGV');
    expect((error as ComputeCrashError).message).toBe(
      "the compute process crashed (SIGSEGV) while running job 'crash'; it has been restarted",
    );

    const after = await client.ready();
    console.log(
      `compute process restarted in ${(performance.now() - crashedAt).toFixed(0)} ms after the crash`,
    );
    expect(after.pid).not.toBe(before.pid);
    expect(client.restarts).toBe(1);

    const result = await queued;
    expect(Array.from(result.y.data)).toEqual(Array.from(expected.data));
  });

  it('the next job after a crash works', async () => {
    const result = await client.run('conv2dBands', { x, w, bias: null, options, bands: 3 });
    expect(result.y.shape).toEqual(expected.shape);
    expect(Array.from(result.y.data)).toEqual(Array.from(expected.data));
  });
});
