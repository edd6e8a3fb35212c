import { describe, expect, it } from 'vitest';
import { MERGE_WINDOW_MS } from '../../../renderer/src/studio/kernel/draftHistory.js';
import { parseNumberText } from '../../../renderer/src/studio/kernel/parseNumberText.js';
import { clampPresetParam, defaultPresetParams } from '../../../renderer/src/studio/kernel/presetParams.js';
import { resizeKernels } from '../../../renderer/src/studio/kernel/resizeKernels.js';
import type { PresetInfo } from '../../../renderer/src/studio/kernel/types.js';
import {
  undoShortcutAction,
  type ShortcutKeys,
} from '../../../renderer/src/studio/kernel/undoShortcutAction.js';
import { PRESETS } from '../../../main/service/filter/presets.js';

const keys = (key: string, mods: Partial<ShortcutKeys> = {}): ShortcutKeys => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('undoShortcutAction', () => {
  it('maps Ctrl/Cmd+Z to undo and Ctrl/Cmd+Shift+Z and Ctrl+Y to redo', () => {
    expect(undoShortcutAction(keys('z', { ctrlKey: true }))).toBe('undo');
    expect(undoShortcutAction(keys('z', { metaKey: true }))).toBe('undo');
    expect(undoShortcutAction(keys('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(undoShortcutAction(keys('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(undoShortcutAction(keys('y', { ctrlKey: true }))).toBe('redo');
  });

  it('ignores other keys and combinations', () => {
    expect(undoShortcutAction(keys('z'))).toBeNull();
    expect(undoShortcutAction(keys('z', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(undoShortcutAction(keys('y', { metaKey: true }))).toBeNull();
    expect(undoShortcutAction(keys('y', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(undoShortcutAction(keys('x', { ctrlKey: true }))).toBeNull();
  });
});

describe('parseNumberText', () => {
  it('accepts numbers within the limits only', () => {
    expect(parseNumberText('0.25')).toBe(0.25);
    expect(parseNumberText(' -3e2 ')).toBe(-300);
    for (const text of ['', '-', '1e', 'abc', 'Infinity', '1e39']) expect(parseNumberText(text)).toBeNull();
    expect(parseNumberText('7', { min: 1, max: 31, integer: true })).toBe(7);
    expect(parseNumberText('7.5', { integer: true })).toBeNull();
    expect(parseNumberText('0', { min: 1 })).toBeNull();
    expect(parseNumberText('32', { max: 31 })).toBeNull();
  });
});

describe('resizeKernels', () => {
  const sobelX = [
    [-1, 0, 1],
    [-2, 0, 2],
    [-1, 0, 1],
  ];

  it('resizes kernel and kernelY together around the centre', () => {
    const { pair } = resizeKernels({ kernel: sobelX, kernelY: sobelX }, 5, 3, null, 0);
    expect(pair.kernel).toEqual([[0, 0, 0], ...sobelX, [0, 0, 0]]);
    expect(pair.kernelY).toEqual(pair.kernel);
    expect(resizeKernels({ kernel: sobelX }, 1, 1, null, 0).pair).toEqual({ kernel: [[0]] });
  });

  it('resizes from the kernel before a quick run of size edits (typing "15" passes through "1")', () => {
    const one = resizeKernels({ kernel: sobelX }, 1, 3, null, 0);
    expect(one.pair.kernel).toEqual([[-2, 0, 2]]);
    const fifteen = resizeKernels(one.pair, 15, 3, one.run, 100);
    expect(fifteen.pair.kernel.slice(6, 9)).toEqual(sobelX);
  });

  it('starts from the current kernel after a pause or another edit', () => {
    const one = resizeKernels({ kernel: sobelX }, 1, 3, null, 0);
    const late = resizeKernels(one.pair, 3, 3, one.run, MERGE_WINDOW_MS + 1);
    expect(late.pair.kernel).toEqual([
      [0, 0, 0],
      [-2, 0, 2],
      [0, 0, 0],
    ]);
    const edited = resizeKernels({ kernel: [[9, 9, 9]] }, 3, 3, one.run, 10);
    expect(edited.pair.kernel[1]).toEqual([9, 9, 9]);
  });
});

describe('preset parameters', () => {
  const gaussian = PRESETS.find((p) => p.id === 'gaussian') as PresetInfo;
  const box = PRESETS.find((p) => p.id === 'box') as PresetInfo;

  it('start at their defaults and stay in range', () => {
    expect(defaultPresetParams(gaussian)).toEqual({ sigma: 1 });
    expect(defaultPresetParams(box)).toEqual({ size: 3 });
    const [size] = box.params;
    expect(clampPresetParam(size, 4.6)).toBe(5);
    expect(clampPresetParam(size, 99)).toBe(31);
    expect(clampPresetParam(size, 0)).toBe(1);
    expect(clampPresetParam(size, Number.NaN)).toBeNull();
    expect(clampPresetParam(gaussian.params[0], 2.35)).toBe(2.35);
  });
});
