// The shapes instrument's pure parts against independent arithmetic: the nested windows of L
// stacked K×K convs against r = L(K−1)+1, the homework's table 3(e) against the hand formulas
// (K·K·C·F + F, H·W·C·units + units, MACs = H′·W′·F·K·K·C), receptive-field steps against a
// recurrence written here, the grammar round trip, and what removing a pool changes.
import { describe, expect, it } from 'vitest';
import {
  computeLayerTable,
  layerTable,
  parseArchitecture,
  type LayerTable,
} from '../../../native-kernels/architecture.js';
import {
  architectureText,
  blockText,
  type NetworkDraft,
} from '../../../renderer/src/lab/network/architectureText.js';
import { HOMEWORK_ARCHITECTURE, homeworkNetwork } from '../../../renderer/src/lab/network/homeworkNetwork.js';
import { nestedWindows } from '../../../renderer/src/lab/network/nestedWindows.js';
import { parameterComputation } from '../../../renderer/src/lab/network/parameterComputation.js';
import { poolComparison } from '../../../renderer/src/lab/network/poolComparison.js';
import { receptiveFieldStep } from '../../../renderer/src/lab/network/receptiveFieldStep.js';

describe('nestedWindows', () => {
  it('gives L(K−1)+1 for the last layer and l(K−1)+1 for layer l, for every L ≤ 8 and K ≤ 7', () => {
    for (let L = 1; L <= 8; L++)
      for (let K = 1; K <= 7; K++) {
        const { grid, windows } = nestedWindows(L, K);
        expect(grid).toBe(L * (K - 1) + 1);
        expect(windows).toHaveLength(L + 1);
        windows.forEach((w, l) => {
          expect(w.layer).toBe(l);
          expect(w.size).toBe(l * (K - 1) + 1);
          expect(w.bottom - w.top + 1).toBe(w.size);
          expect(w.right - w.left + 1).toBe(w.size);
          expect(w.top).toBeGreaterThanOrEqual(0);
          expect(w.bottom).toBeLessThan(grid);
        });
        // The last layer's one unit sees the whole grid; each window lies inside the next.
        const last = windows[L];
        expect([last.top, last.left, last.bottom, last.right]).toEqual([0, 0, grid - 1, grid - 1]);
        for (let l = 0; l < L; l++) {
          const [a, b] = [windows[l], windows[l + 1]];
          expect(a.top >= b.top && a.left >= b.left && a.bottom <= b.bottom && a.right <= b.right).toBe(true);
        }
      }
  });

  it('agrees with same-padded convs on a large input (the field does not depend on padding)', () => {
    for (const K of [3, 5, 7]) {
      const L = 4;
      const table = layerTable(['input 64x64x1', ...Array<string>(L).fill(`conv${K}-1`)].join(', '));
      expect(table.layers[L].receptiveField.size).toBe(nestedWindows(L, K).windows[L].size);
    }
  });

  it('refuses L or K below 1', () => {
    expect(() => nestedWindows(0, 3)).toThrow(RangeError);
    expect(() => nestedWindows(2, 0)).toThrow(RangeError);
  });
});

describe("the homework's table 3(e)", () => {
  const table = layerTable(HOMEWORK_ARCHITECTURE);
  const rows = table.layers;

  it('writes the parameters as the homework does, with the values of the hand formulas', () => {
    expect(rows.map((_, i) => parameterComputation(table, i))).toEqual([
      '0',
      '3×3×1×10 + 10',
      '0',
      '3×3×10×10 + 10',
      '0',
      '0',
      '7×7×10×3 + 3',
    ]);
    expect(rows.map((r) => r.parameters.count)).toEqual([
      0,
      3 * 3 * 1 * 10 + 10,
      0,
      3 * 3 * 10 * 10 + 10,
      0,
      0,
      7 * 7 * 10 * 3 + 3,
    ]);
  });

  it('has the activations 28×28×1, 28×28×10, 14×14×10, 14×14×10, 7×7×10, 490, 3', () => {
    expect(rows.map((r) => r.activation.text)).toEqual([
      '28×28×1',
      '28×28×10',
      '14×14×10',
      '14×14×10',
      '7×7×10',
      '490',
      '3',
    ]);
  });

  it('counts MACs as H′·W′·F·K·K·C for convs and inputs·outputs for FC', () => {
    expect(rows.map((r) => r.macs)).toEqual([
      0,
      28 * 28 * 10 * 3 * 3 * 1,
      0,
      14 * 14 * 10 * 3 * 3 * 10,
      0,
      0,
      490 * 3,
    ]);
  });

  it('grows the receptive field 1, 3, 4, 8, 10 with jumps 1, 1, 2, 2, 4, and says how', () => {
    expect(rows.slice(0, 5).map((r) => [r.receptiveField.size, r.receptiveField.jump])).toEqual([
      [1, 1],
      [3, 1],
      [4, 2],
      [8, 2],
      [10, 4],
    ]);
    expect(receptiveFieldStep(table, 1)).toMatchObject({
      size: '1 + (3−1)·1 = 3',
      jump: '1·1 = 1',
      growth: 2,
    });
    expect(receptiveFieldStep(table, 2)).toMatchObject({
      size: '3 + (2−1)·1 = 4',
      jump: '1·2 = 2',
      growth: 1,
    });
    expect(receptiveFieldStep(table, 3)).toMatchObject({
      size: '4 + (3−1)·2 = 8',
      jump: '2·1 = 2',
      growth: 4,
    });
    expect(receptiveFieldStep(table, 6).size).toBe('whole input');
  });

  it('round-trips through the editable draft to the same string', () => {
    expect(architectureText(homeworkNetwork())).toBe(HOMEWORK_ARCHITECTURE);
  });
});

/** The receptive-field recurrence written independently of architecture.ts. */
function recurrence(blocks: { kernel: number; stride: number; dilation: number }[]): number[] {
  let r = 1;
  let j = 1;
  const out = [1];
  for (const b of blocks) {
    r += (b.kernel - 1) * b.dilation * j;
    j *= b.stride;
    out.push(r);
  }
  return out;
}

/** Evaluates 'a + (k−1)·b = c' or 'a + (k−1)·d·b = c': returns [computed, stated]. */
function evaluateStep(text: string): [number, number] {
  const m = /^(\d+) \+ \((\d+)−1\)(?:·(\d+))?·(\d+) = (\d+)$/.exec(text);
  if (!m) throw new Error(`unexpected step text '${text}'`);
  const [a, k, d, b, c] = [m[1], m[2], m[3] ?? '1', m[4], m[5]].map(Number);
  return [a + (k - 1) * d * b, c];
}

describe('receptiveFieldStep on random conv/pool stacks', () => {
  it('states arithmetic that evaluates to the table value and to the recurrence', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let checked = 0;
    for (let trial = 0; trial < 200; trial++) {
      const specs: { text: string; kernel: number; stride: number; dilation: number }[] = [];
      for (let i = 0; i < 1 + rand(5); i++) {
        if (rand(3) === 0) {
          const k = 2 + rand(2);
          specs.push({ text: `pool${k}`, kernel: k, stride: k, dilation: 1 });
        } else {
          const k = 1 + rand(5);
          const s = 1 + rand(2);
          const d = 1 + rand(2);
          specs.push({
            text: `conv${k}-2/s${s}/d${d}/p${d * Math.floor(k / 2)}`,
            kernel: k,
            stride: s,
            dilation: d,
          });
        }
      }
      let table: LayerTable;
      try {
        table = layerTable(['input 200x200x1', ...specs.map((s) => s.text)].join(', '));
      } catch {
        continue; // a map shrank below 1: not a network
      }
      checked++;
      const expected = recurrence(specs);
      table.layers.forEach((row, i) => {
        expect(row.receptiveField.size).toBe(expected[i]);
        if (i === 0) return;
        const [computed, stated] = evaluateStep(receptiveFieldStep(table, i).size);
        expect(computed).toBe(stated);
        expect(stated).toBe(expected[i]);
      });
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('poolComparison', () => {
  it("removing the homework's first pool: the next conv grows the field by 2 instead of 4 and costs 4x the MACs", () => {
    const c = poolComparison(homeworkNetwork(), 1);
    expect(c.withoutText).toBe('input 28x28x1, conv3-10, conv3-10, pool2, flatten, fc-3');
    expect(c.pool.receptiveField.jump).toBe(2);
    expect(c.nextConv).toMatchObject({
      kernel: 3,
      jumpWith: 2,
      jumpWithout: 1,
      growthWith: (3 - 1) * 2,
      growthWithout: (3 - 1) * 1,
      macsWith: 14 * 14 * 10 * 9 * 10,
      macsWithout: 28 * 28 * 10 * 9 * 10,
    });
    expect(c.nextConv!.macsWithout / c.nextConv!.macsWith).toBe(4);
    // Every later layer is paired with its twin; the FC behind a 14×14 map has 4x the weights.
    const fc = c.pairs[6];
    expect(fc.with.name).toBe('FC-3');
    expect(fc.without!.parameters.count).toBe(14 * 14 * 10 * 3 + 3);
    expect(c.pairs[2].without).toBeNull();
    expect(c.pairs[1].without!.macs).toBe(c.pairs[1].with.macs);
  });

  it('divides later MACs by the area ratio, which is not 4 when a side is odd', () => {
    const draft: NetworkDraft = {
      input: { height: 7, width: 7, channels: 1 },
      blocks: [
        { kind: 'conv', kernel: 3, filters: 4, stride: 1, padding: 1, dilation: 1 },
        { kind: 'pool', op: 'max', kernel: 2, stride: 2, padding: 0 },
        { kind: 'conv', kernel: 3, filters: 4, stride: 1, padding: 1, dilation: 1 },
      ],
    };
    const c = poolComparison(draft, 1);
    // floor(7/2) = 3: the pooled map is 3×3, not 3.5×3.5.
    expect(c.nextConv!.macsWith).toBe(3 * 3 * 4 * 9 * 4);
    expect(c.nextConv!.macsWithout).toBe(7 * 7 * 4 * 9 * 4);
    expect(c.nextConv!.macsWithout / c.nextConv!.macsWith).toBeCloseTo(49 / 9, 12);
  });

  it('refuses a block that is not a pool', () => {
    expect(() => poolComparison(homeworkNetwork(), 0)).toThrow(RangeError);
  });
});

describe('architectureText', () => {
  it('writes options only where they differ from the defaults, and parses back to the same blocks', () => {
    const draft: NetworkDraft = {
      input: { height: 32, width: 30, channels: 3 },
      blocks: [
        { kind: 'conv', kernel: 5, filters: 8, stride: 2, padding: 0, dilation: 1 },
        { kind: 'conv', kernel: 3, filters: 8, stride: 1, padding: 2, dilation: 2 },
        { kind: 'pool', op: 'avg', kernel: 3, stride: 2, padding: 1 },
        { kind: 'pool', op: 'max', kernel: 2, stride: 2, padding: 0 },
        { kind: 'relu' },
        { kind: 'gap' },
        { kind: 'fc', units: 10 },
      ],
    };
    expect(draft.blocks.map(blockText)).toEqual([
      'conv5-8/s2/p0',
      'conv3-8/p2/d2',
      'avgpool3/s2/p1',
      'pool2',
      'relu',
      'gap',
      'fc-10',
    ]);
    const parsed = parseArchitecture(architectureText(draft));
    expect(parsed.slice(1).map(({ source: _s, position: _p, ...spec }) => spec)).toEqual(draft.blocks);
    expect(() => computeLayerTable(parsed)).not.toThrow();
  });
});
