// The native filter path (filterImage → native-kernels filter2d) against the float64 reference
// filter on real photos, and the reference against its golden hashes (test/fixtures/filter-golden.json,
// regenerated only by test/golden/make-filter-golden.ts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filterImage } from '../../../../main/service/filter/filterImage.js';
import { referenceFilter } from '../../../../main/service/filter/referenceFilter.js';
import { FILTER_CASES, caseImage } from './filterCases.js';

const golden = JSON.parse(
  readFileSync(new URL('../../../fixtures/filter-golden.json', import.meta.url), 'utf8'),
) as Record<string, { sha256: string; channels: number; min: number; max: number }>;

describe('filters on real photos', () => {
  it('has a golden entry for every case', () => {
    expect(Object.keys(golden).sort()).toEqual(FILTER_CASES.map((c) => c.name).sort());
  });

  it.each(FILTER_CASES.map((c) => [c.name] as const))('%s', async (name) => {
    const c = FILTER_CASES.find((x) => x.name === name)!;
    const image = await caseImage(c);
    const want = referenceFilter(image, c.spec);
    const bytes = new Uint8Array(
      want.image.data.buffer,
      want.image.data.byteOffset,
      want.image.data.byteLength,
    );
    expect(
      createHash('sha256').update(bytes).digest('hex'),
      'reference output changed: review and regenerate',
    ).toBe(golden[name].sha256);

    const got = filterImage(image, c.spec);
    expect(got.image.channels).toBe(want.image.channels);
    expect(got.image.depth).toBe(image.depth);
    expect(got.image.data.length).toBe(want.image.data.length);
    const scale = Math.max(Math.abs(want.min), Math.abs(want.max), 1);
    expect(Math.abs(got.min - want.min)).toBeLessThanOrEqual(1e-4 * scale);
    expect(Math.abs(got.max - want.max)).toBeLessThanOrEqual(1e-4 * scale);
    // float32 sums against float64 sums: a value within rounding of .5 may land on either side.
    let off = 0;
    for (let i = 0; i < want.image.data.length; i++) {
      const d = Math.abs(got.image.data[i] - want.image.data[i]);
      expect(d, `sample ${i}`).toBeLessThanOrEqual(1);
      off += d;
    }
    expect(off).toBeLessThanOrEqual(Math.max(3, want.image.data.length * 0.002));
  });
});
