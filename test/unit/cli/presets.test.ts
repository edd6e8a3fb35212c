// `convscope presets` through the real binary, against the presets module's own registry.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../main/service/filter/presets.js';
import { lines, runConvscope } from './runConvscope.js';

describe('convscope presets', () => {
  it('lists every preset once, each with its parameters’ default, range and step', () => {
    const run = runConvscope('presets');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = lines(run.stdout);
    expect(PRESETS.length).toBeGreaterThan(0);
    for (const preset of PRESETS) {
      const at = out.findIndex((l) => l.startsWith(`${preset.id}: ${preset.name}.`));
      expect(at, preset.id).toBeGreaterThanOrEqual(0);
      const block = out.slice(at + 1, at + 1 + Math.max(1, preset.params.length));
      if (preset.params.length === 0) expect(block).toEqual(['  no parameters']);
      preset.params.forEach((param, i) => {
        expect(block[i]).toMatch(
          new RegExp(
            `^  ${param.name}\\s+default ${param.default}\\s+range ${param.min}\\.\\.${param.max}\\s+step ${param.step}\\b`,
          ),
        );
      });
    }
  });

  it('includes the homework h and the blur and edge filters of homework 4', () => {
    const ids = lines(runConvscope('presets').stdout).map((l) => l.split(':')[0]);
    expect(ids).toEqual(expect.arrayContaining(['homework-h', 'box', 'gaussian', 'sobel-x', 'sobel-y']));
  });

  it('--json is the registry', () => {
    const run = runConvscope('presets', '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(PRESETS)));
  });
});
