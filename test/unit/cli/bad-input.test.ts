// Bad command lines through the real binary: a non-zero exit code (2 for usage errors) and exactly
// one line on stderr saying what was wrong, never a stack trace or the help text.
import { describe, expect, it } from 'vitest';
import { runConvscope } from './runConvscope.js';

const X = '1,2,3;4,5,6;7,8,9';

const cases: [string, string[], RegExp][] = [
  ['no command', [], /no command given; run 'convscope --help'/],
  ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
  ['a misspelt command', ['shape', 'input 8x8x1'], /unknown command 'shape' \(Did you mean shapes\?\)/],
  ['an unknown option', ['conv2d', '--x', X, '--h', '1', '--bogus'], /unknown option '--bogus'/],
  ['a missing matrix', ['conv2d', '--x', X], /required option '--h <matrix>' not specified/],
  [
    'a non-number in the matrix',
    ['conv2d', '--x', '1,2;3,four', '--h', '1'],
    /--x: 'four' at row 2, column 2 is not/,
  ],
  ['a ragged matrix', ['conv2d', '--x', X, '--h', '1,2;3'], /--h: row 2 has 1 value but row 1 has 2/],
  ['an empty row', ['conv2d', '--x', '1,2;;3,4', '--h', '1'], /--x: row 2 is empty/],
  [
    'a non-numeric stride',
    ['conv2d', '--x', X, '--h', '1', '--stride', 'two'],
    /'--stride <n>' argument 'two' is invalid/,
  ],
  ['a zero stride', ['conv2d', '--x', X, '--h', '1', '--stride', '0'], /Expected an integer of at least 1/],
  [
    'a fractional pad',
    ['conv2d', '--x', X, '--h', '1', '--pad', '1.5'],
    /'--pad <n>' argument '1.5' is invalid/,
  ],
  [
    'an unknown pad mode',
    ['conv2d', '--x', X, '--h', '1', '--pad-mode', 'mirror'],
    /Allowed choices are zeros, reflect/,
  ],
  [
    'a filter larger than the input',
    ['conv2d', '--x', '1,2', '--h', '1,2,3'],
    /filter .* does not fit the 1x2 input/,
  ],
  [
    'reflect padding as large as the input',
    ['conv2d', '--x', '1,2;3,4', '--h', '1', '--pad', '2', '--pad-mode', 'reflect'],
    /reflect padding smaller than the input/,
  ],
  ['a missing architecture', ['shapes'], /missing required argument 'architecture'/],
  [
    'an unknown block',
    ['shapes', 'input 28x28x1, conv3x10'],
    /unknown block 'conv3x10' at position 2; expected one of: input HxWxC/,
  ],
  [
    'fc on a map',
    ['shapes', 'input 28x28x1, conv3-10, fc-3'],
    /'fc-3' at position 3 gets a 28×28×10 map; put 'flatten'/,
  ],
  ['a map shrunk below 1', ['shapes', 'input 2x2x1, pool2, pool2'], /shrinks the 1×1×1 map's height below 1/],
];

describe('convscope bad input', () => {
  for (const [what, args, message] of cases)
    it(`rejects ${what} with exit code 2 and one line`, () => {
      const run = runConvscope(...args);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^error: [^\n]+\n$/);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/);
    });

  it('exits 0 with the help on stdout for --help', () => {
    const run = runConvscope('--help');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/conv2d/);
    expect(run.stdout).toMatch(/shapes/);
    expect(run.stdout).toMatch(/presets/);
  });
});
