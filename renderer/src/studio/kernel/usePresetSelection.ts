/**
 * The chosen preset and its parameter values, and the kernel edits they cause. Kernels come from
 * the back end (buildPresetKernel), so each choice or slider move is a call; only the answer to the
 * latest one is applied, whatever order the answers arrive in.
 */
import { useEffect, useRef, useState } from 'react';
import type { DraftEditOptions } from './useFilterDraft.js';
import { gridsEqual } from './gridOps.js';
import { defaultPresetParams } from './presetParams.js';
import { buildPresetKernel } from './presetSource.js';
import type { CompleteKernelFile, Grid, KernelFile, PresetInfo } from './types.js';

interface Selection {
  preset: PresetInfo;
  params: Record<string, number>;
  /** The kernels the preset gave (null until the first answer). */
  kernel: Grid | null;
  kernelY?: Grid;
}

/** What the preset controls show and do. */
export interface PresetSelection {
  /** The preset the draft's kernel comes from, or null for a custom kernel. */
  preset: PresetInfo | null;
  params: Record<string, number>;
  error: string | null;
  select: (preset: PresetInfo | null) => void;
  setParam: (name: string, value: number) => void;
}

/** Preset choice for `file`; edits go to `onChange` (a whole preset, or its kernels for a slider). */
export function usePresetSelection(
  file: CompleteKernelFile,
  onChange: (next: KernelFile, options?: DraftEditOptions) => void,
): PresetSelection {
  const [selection, setSelection] = useState<Selection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const fileRef = useRef(file);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    fileRef.current = file;
    onChangeRef.current = onChange;
  });

  const build = (preset: PresetInfo, params: Record<string, number>, source: string | null): void => {
    const token = ++latest.current;
    buildPresetKernel(preset.id, params).then(
      (built) => {
        if (token !== latest.current) return;
        setError(null);
        setSelection({ preset, params, kernel: built.kernel, kernelY: built.kernelY });
        if (source === null) {
          // Choosing a preset takes its whole recipe (its mapping, no normalisation).
          onChangeRef.current(built, { source: 'preset' });
        } else {
          // A slider keeps the options the user has set since and changes only the kernels.
          const { kernelY: _old, ...rest } = fileRef.current;
          const next: KernelFile = { ...rest, kernel: built.kernel };
          if (built.kernelY) next.kernelY = built.kernelY;
          onChangeRef.current(next, { merge: true, source });
        }
      },
      (err: unknown) => {
        if (token !== latest.current) return;
        setError(err instanceof Error ? err.message : String(err));
        if (source === null) setSelection(null);
      },
    );
  };

  // The preset counts as chosen while its answer is pending or its kernels are still the draft's
  // (after a cell edit the kernel is custom; undoing back to the preset's kernels shows it again).
  const active =
    selection !== null &&
    (selection.kernel === null ||
      (gridsEqual(selection.kernel, file.kernel) && gridsEqual(selection.kernelY, file.kernelY)));

  return {
    preset: active ? selection.preset : null,
    params: active ? selection.params : {},
    error,
    select: (preset) => {
      latest.current++; // whatever was pending is now stale
      setError(null);
      if (preset === null) {
        setSelection(null);
        return;
      }
      const params = defaultPresetParams(preset);
      setSelection({ preset, params, kernel: null });
      build(preset, params, null);
    },
    setParam: (name, value) => {
      if (!active) return;
      const params = { ...selection.params, [name]: value };
      setSelection({ ...selection, params });
      build(selection.preset, params, `param-${name}`);
    },
  };
}
