// `convscope filter` through the real binary: the written file decodes to the in-process filter's
// pixels, options reach the filter, the sidecar records the recipe, --batch filters a folder, and
// every bad input ends with one line on stderr and a non-zero exit code.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { filterImage } from '../../../main/service/filter/filterImage.js';
import { presetSpec } from '../../../main/service/filter/presets.js';
import { loadImage } from '../../../main/service/image/loadImage.js';
import { lines, runConvscope } from './runConvscope.js';

const photos = new URL('../../fixtures/photos/', import.meta.url).pathname;
const dir = mkdtempSync(path.join(tmpdir(), 'convscope-cli-filter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function decoded(file: string): Promise<Buffer> {
  return sharp(file).raw().toBuffer();
}

describe('convscope filter', () => {
  it('writes the filtered photo, equal to the in-process filter, and a sidecar', async () => {
    const out = path.join(dir, 'sobel.png');
    const run = runConvscope(
      'filter',
      path.join(photos, 'chelsea.png'),
      '-o',
      out,
      '-k',
      'sobel-x',
      '--sidecar',
      '-q',
    );
    expect(run.status, run.stderr).toBe(0);
    expect(lines(run.stderr)).toEqual([`wrote ${out} and ${out}.json`]);
    const expected = filterImage(await loadImage(path.join(photos, 'chelsea.png')), presetSpec('sobel-x'))
      .image.data;
    expect((await decoded(out)).equals(Buffer.from(expected))).toBe(true);
    const sidecar = JSON.parse(readFileSync(`${out}.json`, 'utf8'));
    expect(sidecar.filter.kernel).toEqual([
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ]);
    expect(sidecar.filter.mapping).toBe('abs');
    expect(sidecar.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sidecar.range.min).toBeLessThan(0);
  });

  it('takes a matrix, the options and a preset parameter', async () => {
    const input = path.join(photos, 'camera.png');
    const out = path.join(dir, 'custom.png');
    const run = runConvscope(
      'filter',
      input,
      '-o',
      out,
      '-k',
      '-1,-2,-1;0,0,0;1,2,1',
      '--mode',
      'convolution',
      '--border',
      'zero',
      '--mapping',
      'shift128',
      '-q',
    );
    expect(run.status, run.stderr).toBe(0);
    const spec = {
      ...presetSpec('homework-h'),
      mode: 'convolution' as const,
      border: 'zero' as const,
      mapping: 'shift128' as const,
      normalize: true,
    };
    const expected = filterImage(await loadImage(input), spec).image.data;
    expect((await sharp(out).toColourspace('b-w').raw().toBuffer()).equals(Buffer.from(expected))).toBe(true);

    const blur = path.join(dir, 'blur.png');
    expect(runConvscope('filter', input, '-o', blur, '-k', 'gaussian', '-p', 'sigma=2.5', '-q').status).toBe(
      0,
    );
    const blurred = filterImage(await loadImage(input), presetSpec('gaussian', { sigma: 2.5 })).image.data;
    expect((await sharp(blur).toColourspace('b-w').raw().toBuffer()).equals(Buffer.from(blurred))).toBe(true);
  });

  it('filters a folder with --batch into --out-dir, reporting a bad file and going on', async () => {
    const folder = path.join(dir, 'in');
    const outDir = path.join(dir, 'out');
    mkdirSync(folder);
    copyFileSync(path.join(photos, 'camera.png'), path.join(folder, 'a.png'));
    copyFileSync(path.join(photos, 'rocket.jpg'), path.join(folder, 'b.jpg'));
    copyFileSync(path.join(photos, 'truncated.jpg'), path.join(folder, 'c.jpg'));
    writeFileSync(path.join(folder, 'notes.txt'), 'not an image');
    const run = runConvscope(
      'filter',
      '--batch',
      folder,
      '--out-dir',
      outDir,
      '-k',
      'box',
      '-p',
      'size=3',
      '--format',
      'png',
      '-q',
    );
    expect(run.status).toBe(1);
    expect(readdirSync(outDir).sort()).toEqual(['a.png', 'b.png']);
    expect(run.stderr).toMatch(/c\.jpg: .*truncated or corrupt/);
    expect(lines(run.stderr).at(-1)).toBe('error: 1 of 3 images failed');
  });

  const bad: [string, string[], number, RegExp][] = [
    ['unknown preset', ['-k', 'sobel-z'], 2, /'sobel-z' is not a preset/],
    ['ragged matrix', ['-k', '1,2;3'], 2, /row 2 has 1 values, expected 2/],
    ['bad border', ['-k', 'box', '--border', 'mirror'], 2, /border/],
    ['bad param', ['-k', 'gaussian', '-p', 'sigma=abc'], 2, /name=number/],
    ['param out of range', ['-k', 'gaussian', '-p', 'sigma=99'], 2, /sigma/],
    ['no output', ['-k', 'box', '--no-output-given'], 2, /unknown option/],
    [
      '16-bit JPEG',
      ['-k', 'box', '--depth', '16', '-o', 'x.jpg'],
      2,
      /--depth 16 needs PNG or TIFF output, not JPEG/,
    ],
    ['unknown extension', ['-k', 'box', '-o', 'x.bmp'], 2, /cannot tell the format/],
    ['missing folder', ['-k', 'box', '-o', '/no/such/folder/x.png'], 2, /output folder .* does not exist/],
    ['corrupt input', ['-k', 'box', '-o', 'x.png', '--input-is', 'truncated'], 1, /truncated or corrupt/],
  ];
  it.each(bad.map(([name], i) => [name, i] as const))('%s: one line, non-zero exit', (_, i) => {
    const [, args, code, message] = bad[i];
    const input = args.includes('--input-is')
      ? path.join(photos, 'truncated.jpg')
      : path.join(photos, 'chelsea.png');
    const cleaned = args
      .filter((a) => a !== '--input-is' && a !== 'truncated')
      .map((a) => (a.startsWith('x.') ? path.join(dir, a) : a));
    const withOutput =
      cleaned.includes('-o') || cleaned.includes('--no-output-given')
        ? cleaned
        : [...cleaned, '-o', path.join(dir, 'x.png')];
    const run = runConvscope('filter', input, ...withOutput);
    expect(run.status).toBe(code);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('never overwrites its source photo', () => {
    const copy = path.join(dir, 'source.png');
    copyFileSync(path.join(photos, 'camera.png'), copy);
    const before = readFileSync(copy);
    const run = runConvscope('filter', copy, '-o', path.join(dir, '.', 'source.png'), '-k', 'box', '-q');
    expect(run.status).not.toBe(0);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(readFileSync(copy).equals(before)).toBe(true);
    expect(existsSync(copy)).toBe(true);
  });
});
