// `convscope shapes` through the real binary: the homework 3(e) network, numbers worked by hand.
import { describe, expect, it } from 'vitest';
import { lines, runConvscope } from './runConvscope.js';

const HOMEWORK = 'input 28x28x1, conv3-10, pool2, conv3-10, pool2, flatten, fc-3';

describe('convscope shapes', () => {
  it('prints the homework table: parameters as computations, activations, totals', () => {
    const run = runConvscope('shapes', HOMEWORK);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = lines(run.stdout);
    expect(out[0]).toMatch(/^layer\s+parameters\s+activations\s+receptive field\s+MACs$/);
    const row = (name: string, n = 0): string => out.filter((l) => l.startsWith(`${name} `))[n];
    expect(row('CONV3-10')).toContain('3×3×1×10 + 10 = 100');
    expect(row('CONV3-10')).toContain('28×28×10');
    expect(row('CONV3-10', 1)).toContain('3×3×10×10 + 10 = 910');
    expect(row('CONV3-10', 1)).toContain('14×14×10');
    expect(row('POOL2')).toMatch(/^POOL2\s+0\s+14×14×10\s/);
    expect(row('POOL2', 1)).toMatch(/^POOL2\s+0\s+7×7×10\s/);
    expect(row('FLATTEN')).toMatch(/^FLATTEN\s+0\s+490\s/);
    expect(row('FC-3')).toContain('490×3 + 3 = 1473');
    expect(row('FC-3')).toContain('whole input (28×28)');
    // 100 + 910 + 1473 parameters; 28·28·10·9 + 14·14·10·90 + 490·3 MACs.
    expect(out.at(-1)).toMatch(/^total\s+2483\s+248430$/);
  });

  it('--json gives the numbers per layer', () => {
    const run = runConvscope('shapes', HOMEWORK, '--json');
    expect(run.status).toBe(0);
    const table = JSON.parse(run.stdout) as {
      layers: { parameters: { count: number }; activation: { text: string }; macs: number }[];
    };
    expect(table.layers.map((l) => l.parameters.count)).toEqual([0, 100, 0, 910, 0, 0, 1473]);
    expect(table.layers.slice(1).map((l) => l.activation.text)).toEqual([
      '28×28×10',
      '14×14×10',
      '14×14×10',
      '7×7×10',
      '490',
      '3',
    ]);
    expect(table.layers[1].macs).toBe(28 * 28 * 10 * 3 * 3 * 1);
  });

  it('shows the receptive field growing by K−1 per stacked 3x3 conv', () => {
    const run = runConvscope('shapes', 'input 32x32x1, conv3-4, conv3-4, conv3-4');
    expect(run.status).toBe(0);
    expect(
      lines(run.stdout)
        .filter((l) => l.startsWith('CONV3-4'))
        .map((l) => /(\d+)×\1 \(jump 1\)/.exec(l)?.[1]),
    ).toEqual(['3', '5', '7']);
  });
});
