// `convscope train` through the real binary, on small subsets of the digits so each run takes a
// second or two: the weights file it writes, its settings flags, reproducibility across processes,
// and usage errors (exit 2) against failures (exit 1).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWeightsFile } from '../../../main/service/network/homework/weightsFile.js';
import { lines, runConvscope } from './runConvscope.js';

const QUICK = ['--epochs', '2', '--train-samples', '300', '--test-samples', '200', '--batch-size', '30'];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'convscope-train-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('convscope train', () => {
  it('trains, prints one line per epoch and writes a weights file that loads', () => {
    const out = path.join(dir, 'quick.json');
    const run = runConvscope('train', '--out', out, ...QUICK, '--seed', '3');
    expect(run.stderr).toBe(`wrote ${out}\n`);
    expect(run.status).toBe(0);
    const printed = lines(run.stdout);
    expect(printed).toHaveLength(3);
    expect(printed[0]).toMatch(
      /^epoch 1\/2 {2}lr 0\.01 {2}train loss \d\.\d{4} acc \d+\.\d\d% {2}test loss \d\.\d{4} acc \d+\.\d\d% {2}\d+\.\d s \(\d+ images\/s\)$/,
    );
    expect(printed[1]).toMatch(/^epoch 2\/2 {2}lr 0\.008 /);
    const { manifest, graph } = readWeightsFile(out);
    expect(printed[2]).toBe(
      `best epoch ${manifest.bestEpoch}: test accuracy ${(100 * manifest.testAccuracy).toFixed(2)}% ` +
        `(loss ${manifest.testLoss.toFixed(4)}) on 200 digits, ${manifest.elapsedSeconds.toFixed(1)} s`,
    );
    expect(manifest.settings).toMatchObject({
      epochs: 2,
      seed: 3,
      trainSamples: 300,
      testSamples: 200,
      batchSize: 30,
    });
    expect(manifest.testAccuracy).toBeGreaterThan(0.6);
    expect(graph.nodes).toHaveLength(11);
    expect(readdirSync(dir)).toEqual(['quick.json']);
  });

  it('passes every settings flag through to the manifest', () => {
    const out = path.join(dir, 'flags.json');
    const run = runConvscope(
      'train',
      '-o',
      out,
      '--epochs',
      '1',
      '--train-samples',
      '200',
      '--test-samples',
      '100',
      '--optimizer',
      'sgd',
      '--lr',
      '0.05',
      '--momentum',
      '0.5',
      '--weight-decay',
      '1e-4',
      '--lr-decay',
      '0.9',
      '--batch-size',
      '20',
      '--no-batch-norm',
      '--dropout',
      '0',
      '--init-scale',
      '0.1',
      '--split-seed',
      '2',
      '--quiet',
    );
    expect(run.status).toBe(0);
    // --quiet leaves only the summary.
    expect(lines(run.stdout)).toHaveLength(1);
    const { manifest, graph } = readWeightsFile(out);
    expect(manifest.settings).toMatchObject({
      optimizer: 'sgd',
      learningRate: 0.05,
      momentum: 0.5,
      weightDecay: 1e-4,
      lrDecay: 0.9,
      batchSize: 20,
      batchNorm: false,
      dropout: 0,
      initScale: 0.1,
      splitSeed: 2,
    });
    expect(manifest.data.splitSeed).toBe(2);
    expect(manifest.initialization).toBe('N(0, 0.1^2) weights, zero biases');
    expect(graph.nodes.map((n) => n.op)).not.toContain('BatchNormalization');
  });

  it('writes the same weights in another process for the same seed', () => {
    const a = path.join(dir, 'a.json');
    const b = path.join(dir, 'b.json');
    expect(runConvscope('train', '--out', a, ...QUICK, '-q').status).toBe(0);
    expect(runConvscope('train', '--out', b, ...QUICK, '-q').status).toBe(0);
    const tensors = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8')).tensors;
    expect(tensors(a)).toEqual(tensors(b));
  });

  it.each([
    [['--epochs', '1'], "error: required option '-o, --out <file>' not specified"],
    [
      ['-o', 'x.json', '--optimizer', 'rmsprop'],
      /^error: option '--optimizer <name>' argument 'rmsprop' is invalid/,
    ],
    [
      ['-o', 'x.json', '--lr', 'fast'],
      /^error: option '--lr <x>' argument 'fast' is invalid. Expected a number.$/,
    ],
    [['-o', 'x.json', '--lr', '0'], 'error: Expected a number > 0 and <= 10 for --lr but received 0'],
    [
      ['-o', 'x.json', '--dropout', '1'],
      'error: Expected a number >= 0 and <= 0.95 for --dropout but received 1',
    ],
    [
      ['-o', 'x.json', '--train-samples', '9000'],
      /^error: Expected an integer from 1 to 8000 for --train-samples/,
    ],
    [['-o', 'no/such/folder/x.json'], /^error: the output folder .*no\/such\/folder does not exist$/],
  ])('refuses %j as a usage error (exit 2, one line)', (args, message) => {
    const run = runConvscope('train', ...(args as string[]));
    expect(run.status).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr.trim()).toMatch(
      typeof message === 'string' ? new RegExp(`^${escape(message)}$`) : message,
    );
    expect(run.stdout).toBe('');
  });

  it('refuses a folder as --out, and fails (exit 1) when the file cannot be written', () => {
    const folder = runConvscope('train', '-o', dir, ...QUICK);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toBe(`error: ${dir} is a folder; --out takes a file name\n`);
    const file = path.join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const run = runConvscope('train', '-o', path.join(file, 'net.json'), ...QUICK, '-q');
    expect(run.status).toBe(1);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: net\.json could not be written: ENOTDIR/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
