// The layer table and receptive fields of native-kernels/architecture.ts: the homework's numbers
// (worked by hand, not by the code), the receptive-field rules of question 3, and every error.
import { describe, expect, it } from 'vitest';
import {
  ArchitectureError,
  layerTable,
  parseArchitecture,
  receptiveFieldOf,
} from '../../native-kernels/architecture.js';
import type { LayerTable, Rect } from '../../native-kernels/architecture.js';
import type { Tensor } from '../../native-kernels/types.js';
import { avgPool2d, conv2d } from '../../native-kernels/reference/index.js';
import { mulberry32 } from '../helpers/random.js';

const HOMEWORK = 'input 28x28x1, conv3-10, pool2, conv3-10, pool2, flatten, fc-3';

/** The side of the unclipped rectangle of one unit, rows and columns. */
function side(table: LayerTable, layer: number, row: number, col: number): [number, number] {
  const { unclipped } = receptiveFieldOf(table, layer, { row, col });
  return [unclipped.bottom - unclipped.top + 1, unclipped.right - unclipped.left + 1];
}

describe('homework 3(e): the layer table', () => {
  const table = layerTable(HOMEWORK);

  it('has the homework rows, input first', () => {
    expect(table.layers.map((l) => l.name)).toEqual([
      'INPUT',
      'CONV3-10',
      'POOL2',
      'CONV3-10',
      'POOL2',
      'FLATTEN',
      'FC-3',
    ]);
  });

  it('counts parameters with biases: 3·3·1·10+10, 3·3·10·10+10, 490·3+3', () => {
    expect(table.layers.map((l) => l.parameters.count)).toEqual([0, 100, 0, 910, 0, 0, 1473]);
    expect(table.layers.map((l) => l.parameters.text)).toEqual([
      '0',
      '3×3×1×10 + 10',
      '0',
      '3×3×10×10 + 10',
      '0',
      '0',
      '490×3 + 3',
    ]);
    expect(table.totals.parameters).toBe(100 + 910 + 1473);
  });

  it('has the activation shapes 28x28x10, 14x14x10, 14x14x10, 7x7x10, 490, 3', () => {
    expect(table.layers.map((l) => l.activation.text)).toEqual([
      '28×28×1',
      '28×28×10',
      '14×14×10',
      '14×14×10',
      '7×7×10',
      '490',
      '3',
    ]);
    expect(table.layers[4].activation).toMatchObject({ kind: 'spatial', height: 7, width: 7, channels: 10 });
    expect(table.layers[5].activation).toMatchObject({ kind: 'vector', length: 490 });
  });

  it('counts MACs as output elements × taps: 28·28·10·9, 14·14·10·90, 490·3; none for pooling', () => {
    expect(table.layers.map((l) => l.macs)).toEqual([0, 70560, 0, 176400, 0, 0, 1470]);
    expect(table.totals.macs).toBe(70560 + 176400 + 1470);
  });

  it('counts max-pool comparisons (3 per 2x2 window) separately from MACs', () => {
    expect(table.layers[2].comparisons).toBe(14 * 14 * 10 * 3);
    expect(table.layers[4].comparisons).toBe(7 * 7 * 10 * 3);
  });

  it('has receptive fields 1, 3, 4, 8, 10 with jumps 1, 1, 2, 2, 4, and the whole input after fc', () => {
    const rf = table.layers.map((l) => l.receptiveField);
    expect(rf.slice(0, 6).map((r) => [r.size, r.jump])).toEqual([
      [1, 1],
      [3, 1],
      [4, 2],
      [8, 2],
      [10, 4],
      [10, 4],
    ]);
    expect(rf[6]).toMatchObject({ kind: 'whole', size: 28, text: 'whole input (28×28)' });
  });

  it('is case-insensitive and ignores spaces, as the homework writes it', () => {
    const upper = layerTable('INPUT 28×28×1, CONV3-10, POOL2, CONV3-10, POOL2, FLATTEN, FC-3');
    expect(upper.layers.map((l) => l.parameters.count)).toEqual([0, 100, 0, 910, 0, 0, 1473]);
  });
});

describe('receptive fields (homework 3(c), 3(d))', () => {
  for (const k of [2, 3, 5]) {
    it(`L stacked ${k}x${k} stride-1 convs see L(K-1)+1 = L·${k - 1}+1 pixels`, () => {
      for (let depth = 1; depth <= 6; depth++) {
        const text = ['input 64x64x1', ...Array.from({ length: depth }, () => `conv${k}-4`)].join(', ');
        const table = layerTable(text);
        expect(table.layers[depth].receptiveField.size).toBe(depth * (k - 1) + 1);
        // The same size falls out of the rectangle of a unit away from the border, clipped or not.
        expect(side(table, depth, 30, 30)).toEqual([depth * (k - 1) + 1, depth * (k - 1) + 1]);
        const { clipped } = receptiveFieldOf(table, depth, { row: 30, col: 30 });
        expect(clipped && clipped.bottom - clipped.top + 1).toBe(depth * (k - 1) + 1);
      }
    });
  }

  it('pool2 doubles the jump, so every later 3x3 conv adds 4 pixels instead of 2', () => {
    const plain = layerTable('input 32x32x1, conv3-8, conv3-8, conv3-8');
    const pooled = layerTable('input 32x32x1, conv3-8, pool2, conv3-8, conv3-8');
    expect(plain.layers.map((l) => l.receptiveField.size)).toEqual([1, 3, 5, 7]);
    // conv3: 3; pool2: 3 + 1 = 4, jump 2; conv3: 4 + 2·2 = 8; conv3: 8 + 2·2 = 12.
    expect(pooled.layers.map((l) => l.receptiveField.size)).toEqual([1, 3, 4, 8, 12]);
    expect(pooled.layers.map((l) => l.receptiveField.jump)).toEqual([1, 1, 2, 2, 2]);
    // Neighbouring units after the pool look 2 pixels apart on the input.
    const a = receptiveFieldOf(pooled, 3, { row: 5, col: 5 }).unclipped;
    const b = receptiveFieldOf(pooled, 3, { row: 5, col: 6 }).unclipped;
    expect(b.left - a.left).toBe(2);
  });

  it('pool2 cuts the next conv layer’s MACs by 4 (a quarter of the positions)', () => {
    const plain = layerTable('input 28x28x10, conv3-10');
    const pooled = layerTable('input 28x28x10, pool2, conv3-10');
    expect(plain.layers[1].macs).toBe(28 * 28 * 10 * 3 * 3 * 10);
    expect(pooled.layers[2].macs).toBe(14 * 14 * 10 * 3 * 3 * 10);
    expect(plain.layers[1].macs / pooled.layers[2].macs).toBe(4);
  });

  it('dilation d spreads a 3x3 kernel over 2d+1 pixels; dilations 1, 2, 4 stack to 3, 7, 15', () => {
    const table = layerTable('input 32x32x1, conv3-4/d1/p1, conv3-4/d2/p2, conv3-4/d4/p4');
    expect(table.layers.map((l) => l.receptiveField.size)).toEqual([1, 3, 7, 15]);
    // padding = dilation keeps the size: 32 + 2d − 2d = 32.
    expect(table.layers[3].activation.text).toBe('32×32×4');
    expect(side(table, 3, 16, 16)).toEqual([15, 15]);
    const single = layerTable('input 9x9x1, conv3-1/d2/p0');
    expect(single.layers[1].activation.text).toBe('5×5×1');
    expect(receptiveFieldOf(single, 1, { row: 0, col: 0 }).unclipped).toEqual({
      top: 0,
      left: 0,
      bottom: 4,
      right: 4,
    });
  });

  it('places windows from padding and stride: the default pad reaches one pixel outside', () => {
    const padded = layerTable('input 5x5x1, conv3-1');
    expect(receptiveFieldOf(padded, 1, { row: 0, col: 0 })).toEqual({
      unclipped: { top: -1, left: -1, bottom: 1, right: 1 },
      clipped: { top: 0, left: 0, bottom: 1, right: 1 },
    });
    const valid = layerTable('input 5x5x1, conv3-1/p0');
    expect(valid.layers[1].activation.text).toBe('3×3×1');
    expect(receptiveFieldOf(valid, 1, { row: 2, col: 1 }).unclipped).toEqual({
      top: 2,
      left: 1,
      bottom: 4,
      right: 3,
    });
    // Stride 2, pad 1 on 7x7: floor((7 + 2 − 2 − 1)/2) + 1 = 4; unit 1 starts at 1·2 − 1 = 1.
    const strided = layerTable('input 7x7x1, conv3-4/s2');
    expect(strided.layers[1].activation.text).toBe('4×4×4');
    expect(receptiveFieldOf(strided, 1, { row: 1, col: 3 }).unclipped).toEqual({
      top: 1,
      left: 5,
      bottom: 3,
      right: 7,
    });
  });

  it('gives no clipped rectangle for a unit that reads only padding', () => {
    const table = layerTable('input 3x3x1, conv1-1/p2');
    expect(table.layers[1].activation.text).toBe('7×7×1');
    expect(receptiveFieldOf(table, 1, { row: 0, col: 3 }).clipped).toBeNull();
    expect(receptiveFieldOf(table, 1, { row: 3, col: 3 }).clipped).toEqual({
      top: 1,
      left: 1,
      bottom: 1,
      right: 1,
    });
  });

  it('excludes pixels a floor-mode layer drops: 5 pixels, conv2/s2/p0 keeps 0..3', () => {
    const table = layerTable('input 5x5x1, conv2-1/s2/p0, conv3-1');
    // The second conv's unit 1 reads units 0, 1 and padding; pixel 4 feeds nothing.
    expect(receptiveFieldOf(table, 2, { row: 1, col: 1 })).toEqual({
      unclipped: { top: 0, left: 0, bottom: 5, right: 5 },
      clipped: { top: 0, left: 0, bottom: 3, right: 3 },
    });
  });

  it('maps a flattened element back to its unit in (C, H, W) order', () => {
    const table = layerTable('input 8x6x1, conv3-2, flatten, relu');
    // Element 1·48 + 2·6 + 5 is channel 1, row 2, column 5.
    const viaFlatten = receptiveFieldOf(table, 3, { row: 0, col: 48 + 2 * 6 + 5 });
    expect(viaFlatten).toEqual(receptiveFieldOf(table, 1, { row: 2, col: 5 }));
    expect(viaFlatten.unclipped).toEqual({ top: 1, left: 4, bottom: 3, right: 6 });
  });

  it('gives the whole image after fc and gap', () => {
    const table = layerTable('input 6x4x2, conv3-3, gap, fc-2');
    const image = { top: 0, left: 0, bottom: 5, right: 3 };
    expect(receptiveFieldOf(table, 2, { row: 0, col: 1 })).toEqual({ unclipped: image, clipped: image });
    expect(receptiveFieldOf(table, 3, { row: 0, col: 0 }).clipped).toEqual(image);
    expect(table.layers[2].receptiveField).toMatchObject({ kind: 'whole', size: 6 });
  });

  it('rejects units and layers outside the table', () => {
    const table = layerTable('input 4x4x1, conv3-1, flatten');
    expect(() => receptiveFieldOf(table, 3, { row: 0, col: 0 })).toThrow(RangeError);
    expect(() => receptiveFieldOf(table, 1, { row: 4, col: 0 })).toThrow(/outside CONV3-1's 4×4 map/);
    expect(() => receptiveFieldOf(table, 1, { row: 0.5, col: 0 })).toThrow(RangeError);
    expect(() => receptiveFieldOf(table, 2, { row: 1, col: 0 })).toThrow(/vector of 16/);
  });

  // An independent oracle: with all-ones weights and average pooling the network is linear with
  // positive coefficients, so output unit u depends on pixel p exactly when the response to a
  // one-hot image at p is positive at u. The clipped rectangle must be that set's bounding box.
  it('matches the pixels each unit really depends on, over random conv/pool stacks', () => {
    const rng = mulberry32(7);
    const pick = (n: number): number => Math.floor(rng() * n);
    for (let trial = 0; trial < 12; trial++) {
      const [H, W] = [7 + pick(6), 7 + pick(6)];
      const blocks = [`input ${H}x${W}x1`];
      for (let depth = 0; depth < 3; depth++) {
        const k = 1 + pick(4);
        blocks.push(
          rng() < 0.7
            ? `conv${k}-1/s${1 + pick(2)}/p${pick(k)}`
            : `avgpool${k}/s${1 + pick(2)}/p${pick(Math.floor(k / 2) + 1)}`,
        );
      }
      let table: LayerTable;
      try {
        table = layerTable(blocks.join(','));
      } catch (error) {
        if (error instanceof ArchitectureError) continue; // shrank below 1: not this test's concern
        throw error;
      }
      const responses = forEachPixel(H, W, (image) => forwardAll(table, image));
      for (let layer = 1; layer < table.layers.length; layer++) {
        const act = table.layers[layer].activation;
        if (act.kind !== 'spatial') throw new Error('spatial only');
        for (let r = 0; r < act.height; r++)
          for (let c = 0; c < act.width; c++) {
            let box: Rect | null = null;
            responses.forEach((perLayer, p) => {
              if (perLayer[layer][r * act.width + c] <= 0) return;
              const [pr, pc] = [Math.floor(p / W), p % W];
              box = box
                ? {
                    top: Math.min(box.top, pr),
                    left: Math.min(box.left, pc),
                    bottom: Math.max(box.bottom, pr),
                    right: Math.max(box.right, pc),
                  }
                : { top: pr, left: pc, bottom: pr, right: pc };
            });
            expect(receptiveFieldOf(table, layer, { row: r, col: c }).clipped, `${blocks} @${layer}`).toEqual(
              box,
            );
          }
      }
    }
  });
});

function forEachPixel<T>(h: number, w: number, f: (image: Float64Array) => T): T[] {
  return Array.from({ length: h * w }, (_, p) => {
    const image = new Float64Array(h * w);
    image[p] = 1;
    return f(image);
  });
}

/** Every layer's output for a 1-channel image, with all-ones conv weights and average pooling. */
function forwardAll(table: LayerTable, image: Float64Array): Float64Array[] {
  let x: Tensor<Float64Array> = { data: image, shape: [1, 1, table.input.height, table.input.width] };
  const outs = [image];
  for (const layer of table.layers.slice(1)) {
    const b = layer.block;
    if (b.kind === 'conv') {
      const w = { data: new Float64Array(b.kernel * b.kernel).fill(1), shape: [1, 1, b.kernel, b.kernel] };
      x = conv2d(x, w, null, { stride: b.stride, padding: b.padding, dilation: b.dilation });
    } else if (b.kind === 'pool') {
      x = avgPool2d(x, { kernel: b.kernel, stride: b.stride, padding: b.padding });
    } else throw new Error(`unexpected ${b.kind}`);
    outs.push(x.data);
  }
  return outs;
}

describe('other blocks', () => {
  it('bn has 2 parameters per channel (γ, β; running statistics are not parameters)', () => {
    const table = layerTable('input 8x8x3, conv3-16, bn, relu, flatten, bn');
    expect(table.layers[2].parameters).toEqual({ text: '2×16', count: 32 });
    expect(table.layers[5].parameters).toEqual({ text: '2×1024', count: 2048 });
    expect(table.layers[3].macs).toBe(0);
    expect(table.layers[3].comparisons).toBe(8 * 8 * 16);
  });

  it('gap averages each channel to a vector that fc takes without flatten (homework 3(f))', () => {
    const table = layerTable('input 8x8x1, conv2-3, relu, conv2-3, relu, gap, fc-3');
    // CONV2 with padding 1 grows the map: floor((8 + 2 − 1 − 1)/1) + 1 = 9, then 10.
    expect(table.layers.map((l) => l.activation.text)).toEqual([
      '8×8×1',
      '9×9×3',
      '9×9×3',
      '10×10×3',
      '10×10×3',
      '3',
      '3',
    ]);
    expect(table.layers.map((l) => l.parameters.count)).toEqual([0, 15, 0, 39, 0, 0, 12]);
  });

  it('reads pool and dropout variants and names non-default options', () => {
    const blocks = parseArchitecture(
      'input 9x9x2, maxpool3/s2/p1, avgpool2, dropout, dropout0.2, conv5-4/s2/p0/d2',
    );
    expect(blocks.slice(1).map(({ source: _s, position: _p, ...spec }) => spec)).toEqual([
      { kind: 'pool', op: 'max', kernel: 3, stride: 2, padding: 1 },
      { kind: 'pool', op: 'avg', kernel: 2, stride: 2, padding: 0 },
      { kind: 'dropout', p: 0.5 },
      { kind: 'dropout', p: 0.2 },
      { kind: 'conv', kernel: 5, filters: 4, stride: 2, padding: 0, dilation: 2 },
    ]);
    const table = layerTable('input 9x9x2, maxpool3/s2/p1, avgpool2, dropout0.2, conv3-4/s1/p1');
    expect(table.layers.map((l) => l.name)).toEqual([
      'INPUT',
      'POOL3/s2/p1',
      'AVGPOOL2',
      'DROPOUT0.2',
      'CONV3-4',
    ]);
    // floor((9 + 2 − 3)/2) + 1 = 5, then floor((5 − 2)/2) + 1 = 2.
    expect(table.layers[1].activation.text).toBe('5×5×2');
    expect(table.layers[2].activation.text).toBe('2×2×2');
    expect(table.layers[2].comparisons).toBe(0);
  });
});

describe('errors', () => {
  const cases: [string, string, RegExp, 'syntax' | 'shape'][] = [
    [
      'unknown block',
      'input 28x28x1, conv3x10',
      /^unknown block 'conv3x10' at position 2; expected one of: /,
      'syntax',
    ],
    ['unknown word', 'input 8x8x1, softmax', /unknown block 'softmax' at position 2/, 'syntax'],
    ['empty string', '  ', /empty architecture/, 'syntax'],
    ['empty block', 'input 8x8x1,,relu', /empty block at position 2/, 'syntax'],
    ['no input first', 'conv3-10, relu', /block 1 must be 'input HxWxC'/, 'syntax'],
    [
      'input twice',
      'input 8x8x1, relu, input 8x8x1',
      /position 3: input must be the first block only/,
      'syntax',
    ],
    ['zero input size', 'input 0x8x1', /the height must be an integer of at least 1, got 0/, 'syntax'],
    ['zero filters', 'input 8x8x1, conv3-0', /the filter count must be an integer of at least 1/, 'syntax'],
    ['zero kernel', 'input 8x8x1, pool0', /the pool size must be/, 'syntax'],
    ['zero fc', 'input 8x8x1, flatten, fc-0', /the output count must be/, 'syntax'],
    ['dropout of 1', 'input 8x8x1, dropout1', /drop probability must be in \[0, 1\), got 1/, 'syntax'],
    ['unknown option', 'input 8x8x1, conv3-4/x2', /unknown option '\/x2'; expected \/sN/, 'syntax'],
    ['dilated pool', 'input 8x8x1, pool2/d2', /unknown option '\/d2'; expected \/sN, \/pN/, 'syntax'],
    ['option twice', 'input 8x8x1, conv3-4/s2/s1', /option '\/s' given twice/, 'syntax'],
    ['zero stride', 'input 8x8x1, conv3-4/s0', /'\/s0' must be at least 1/, 'syntax'],
    ['options on relu', 'input 8x8x1, relu/s2', /relu takes no options/, 'syntax'],
    ['pool pad over half', 'input 8x8x1, pool2/p2', /more than half the 2×2 window/, 'syntax'],
    [
      'fc on a map',
      'input 28x28x1, conv3-10, fc-3',
      /'fc-3' at position 3 gets a 28×28×10 map; put 'flatten'/,
      'shape',
    ],
    [
      'conv after flatten',
      'input 8x8x1, flatten, conv3-4',
      /needs an H×W×C map but gets a vector of 64/,
      'shape',
    ],
    ['gap on a vector', 'input 8x8x1, gap, gap', /position 3 needs an H×W×C map/, 'shape'],
    [
      'shrinks below 1',
      'input 3x3x1, conv5-4/p0',
      /shrinks the 3×3×1 map's height below 1: floor\(\(3 \+ 2\*0 - 1\*\(5-1\) - 1\)\/1\) \+ 1 = -1/,
      'shape',
    ],
    [
      'pooled away',
      'input 4x4x1, pool2, pool2, pool2',
      /position 4 shrinks the 1×1×1 map's height below 1/,
      'shape',
    ],
    ['too large to count', 'input 100000x100000x1000, conv3-1000', /too large to compute exactly/, 'shape'],
  ];
  for (const [what, text, message, kind] of cases)
    it(`rejects ${what}`, () => {
      let caught: unknown;
      try {
        layerTable(text);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ArchitectureError);
      expect((caught as ArchitectureError).message).toMatch(message);
      expect((caught as ArchitectureError).kind).toBe(kind);
      expect((caught as ArchitectureError).message).not.toContain('\n');
    });

  it('names every known block in the unknown-block message', () => {
    expect(() => layerTable('input 8x8x1, pool')).toThrow(
      'expected one of: input HxWxC, convK-F, poolK, maxpoolK, avgpoolK, flatten, fc-K, relu, bn, dropout[P], gap',
    );
  });

  it('gives the 1-based position of the bad block', () => {
    try {
      layerTable('input 8x8x1, relu, bn, nope');
    } catch (error) {
      expect((error as ArchitectureError).position).toBe(4);
      return;
    }
    throw new Error('no error');
  });
});
