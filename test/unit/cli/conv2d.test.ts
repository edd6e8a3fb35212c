// `convscope conv2d` through the real binary: homework 2(c) and 2(d), worked by hand.
import { describe, expect, it } from 'vitest';
import { lines, runConvscope } from './runConvscope.js';

const X = '1,2,3,4,5;6,7,8,9,10;11,12,13,14,15;16,17,18,19,20;21,22,23,24,25';
const H = '-1,-2,-1;0,0,0;1,2,1';

/** The printed matrix: every line but the last (the shape line), split on spaces. */
function matrix(stdout: string): number[][] {
  return lines(stdout)
    .slice(0, -1)
    .map((line) => line.trim().split(/\s+/).map(Number));
}

describe('convscope conv2d', () => {
  it('2(c): true convolution without padding is a 3x3 of -40', () => {
    const run = runConvscope('conv2d', '--x', X, '--h', H);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(matrix(run.stdout)).toEqual([
      [-40, -40, -40],
      [-40, -40, -40],
      [-40, -40, -40],
    ]);
    expect(lines(run.stdout).at(-1)).toBe('output 3x3 = floor((5 + 2*0 - 1*(3-1) - 1)/1) + 1');
  });

  it('2(d)i: stride 1, pad 1 keeps 5x5', () => {
    const run = runConvscope('conv2d', '--x', X, '--h', H, '--pad', '1');
    expect(run.status).toBe(0);
    expect(matrix(run.stdout)).toEqual([
      [-19, -28, -32, -36, -29],
      [-30, -40, -40, -40, -30],
      [-30, -40, -40, -40, -30],
      [-30, -40, -40, -40, -30],
      [49, 68, 72, 76, 59],
    ]);
    expect(lines(run.stdout).at(-1)).toBe('output 5x5 = floor((5 + 2*1 - 1*(3-1) - 1)/1) + 1');
  });

  it('2(d)ii: stride 2, pad 1 gives 3x3, every other output of 2(d)i', () => {
    const run = runConvscope('conv2d', '--x', X, '--h', H, '--pad', '1', '--stride', '2');
    expect(run.status).toBe(0);
    expect(matrix(run.stdout)).toEqual([
      [-19, -32, -29],
      [-30, -40, -30],
      [49, 72, 59],
    ]);
    expect(lines(run.stdout).at(-1)).toBe('output 3x3 = floor((5 + 2*1 - 1*(3-1) - 1)/2) + 1');
  });

  it('aligns the columns to the widest number', () => {
    const run = runConvscope('conv2d', '--x', X, '--h', H, '--pad', '1');
    const rows = lines(run.stdout).slice(0, -1);
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    expect(rows[4]).toBe(' 49   68   72   76   59');
  });

  it('--correlate does not flip the kernel: +40 where convolution gives -40', () => {
    const run = runConvscope('conv2d', '--x', X, '--h', H, '--correlate');
    expect(run.status).toBe(0);
    expect(matrix(run.stdout)).toEqual([
      [40, 40, 40],
      [40, 40, 40],
      [40, 40, 40],
    ]);
  });

  it('--json prints the matrix, shape and formula', () => {
    const run = runConvscope('conv2d', '--x', X, '--h', H, '--pad', '1', '--stride', '2', '--json');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      operation: 'convolution',
      shape: [3, 3],
      output: [
        [-19, -32, -29],
        [-30, -40, -30],
        [49, 72, 59],
      ],
      formula: { rows: 'floor((5 + 2*1 - 1*(3-1) - 1)/2) + 1' },
    });
  });

  it('pads circularly: a 1x1 identity kernel with pad 1 wraps the last row and column around', () => {
    const run = runConvscope(
      'conv2d',
      '--x',
      '1,2;3,4',
      '--h',
      '1',
      '--pad',
      '1',
      '--pad-mode',
      'circular',
      '--json',
    );
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { output: number[][] }).output).toEqual([
      [4, 3, 4, 3],
      [2, 1, 2, 1],
      [4, 3, 4, 3],
      [2, 1, 2, 1],
    ]);
  });

  it('dilation 2 spreads a 1x3 kernel over 5 pixels: flipped [-1,0,1] at taps 0, 2, 4 of 1..5 is 4', () => {
    // True convolution flips h to [-1, 0, 1]; taps at 0, 2, 4: -1 + 5 = 4.
    const run = runConvscope('conv2d', '--x', '1,2,3,4,5', '--h', '1,0,-1', '--dilation', '2', '--json');
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { output: number[][] }).output).toEqual([[4]]);
  });

  it('prints float32 results without float64 noise', () => {
    const run = runConvscope('conv2d', '--x', '0.1', '--h', '1');
    expect(run.status).toBe(0);
    expect(lines(run.stdout)[0]).toBe('0.1');
  });
});
