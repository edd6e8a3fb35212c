import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { CONTENT_SECURITY_POLICY } from '../../../main/electron/csp.js';

describe('renderer/index.html', () => {
  it("carries main/electron/csp.ts's policy without frame-ancestors (not allowed in a meta tag)", () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const expected = CONTENT_SECURITY_POLICY.split('; ')
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(expected);
  });
});
