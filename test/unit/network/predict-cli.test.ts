// `convscope predict` through the real binary: JSON on stdout, exit 2 for what was typed wrong,
// exit 1 for what failed, one line on stderr.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFloat32 } from '../../../main/cli/formatFloat32.js';
import { runConvscope } from '../cli/runConvscope.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convscope-predict-cli-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const PHOTO = new URL('../../fixtures/photos/camera.png', import.meta.url).pathname;

describe('convscope predict', () => {
  it('prints the output, the probabilities and the conversion for the built-in model on a photo', () => {
    const run = runConvscope('predict', 'builtin', PHOTO);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.endsWith('}\n')).toBe(true);
    const result = JSON.parse(run.stdout) as {
      model: { kind: string };
      input: { shape: number[]; conversion: string };
      output: { shape: number[]; values: number[] };
      probabilities: { class: string; p: number }[];
    };
    expect(result.model.kind).toBe('builtin');
    expect(result.input.shape).toEqual([1, 1, 28, 28]);
    expect(result.input.conversion).toContain('resized to 28×28');
    expect(result.output.shape).toEqual([1, 10]);
    expect(result.output.values).toHaveLength(10);
    // Printed as the shortest decimals that read back as the same float32.
    for (const v of result.output.values) {
      expect(String(v)).toBe(formatFloat32(v));
    }
    const total = result.probabilities.reduce((s, p) => s + p.p, 0);
    expect(total).toBeCloseTo(1, 5);
  });

  it('takes a JSON tensor and writes activations', async () => {
    const tensor = join(dir, 'zeros.json');
    await writeFile(tensor, JSON.stringify({ shape: [1, 1, 28, 28], data: new Array(784).fill(0) }));
    const out = join(dir, 'acts');
    const run = runConvscope('predict', 'builtin', tensor, '--activations', out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { activations: string[]; input: { conversion: string } };
    expect(result.input.conversion).toBe('zeros.json: a JSON tensor [1, 1, 28, 28], used as given');
    expect((await readdir(out)).sort()).toEqual(
      result.activations.map((p) => p.slice(out.length + 1)).sort(),
    );
    expect(result.activations.length).toBeGreaterThanOrEqual(2 * 9);
  });

  it.each([
    [
      'a model argument of no known kind',
      ['predict', 'model.pt', PHOTO],
      2,
      "error: the model must be 'builtin', a weights .json file or an .onnx file, got 'model.pt'",
    ],
    ['a missing argument', ['predict', 'builtin'], 2, "error: missing required argument 'input'"],
    [
      'an input file that is not there',
      ['predict', 'builtin', 'no-such-photo.png'],
      1,
      'error: no-such-photo.png was not found',
    ],
  ])('%s: %j exits %i', (_, args, status, message) => {
    const run = runConvscope(...(args as string[]));
    expect(run.status).toBe(status);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${message}\n`);
  });

  it('a hostile tensor file fails with one line and exit 1', async () => {
    const path = join(dir, 'deep.json');
    await writeFile(path, `{"shape": [1], "data": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const run = runConvscope('predict', 'builtin', path);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'error: deep.json: Expected JSON nested at most 8 deep but received deeper nesting\n',
    );
  });
});
