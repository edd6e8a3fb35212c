/**
 * Regenerates test/fixtures/filter-golden.json: the sha256 of the float64 reference filter's output
 * for every case in test/unit/service/filter/filterCases.ts. Run `npx tsx test/golden/make-filter-golden.ts`
 * and review the diff: a changed hash means the reference's numbers changed.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { referenceFilter } from '../../main/service/filter/referenceFilter.js';
import { FILTER_CASES, caseImage } from '../unit/service/filter/filterCases.js';

const golden: Record<string, { sha256: string; channels: number; min: number; max: number }> = {};
for (const c of FILTER_CASES) {
  const image = await caseImage(c);
  const out = referenceFilter(image, c.spec);
  const bytes = new Uint8Array(out.image.data.buffer, out.image.data.byteOffset, out.image.data.byteLength);
  golden[c.name] = {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    channels: out.image.channels,
    min: Number(out.min.toPrecision(9)),
    max: Number(out.max.toPrecision(9)),
  };
}
writeFileSync(
  new URL('../fixtures/filter-golden.json', import.meta.url),
  `${JSON.stringify(golden, null, 2)}\n`,
);
console.log(`wrote ${Object.keys(golden).length} cases`);
