/** The filter draft with undo/redo, as a React hook over draftHistoryReducer. */
import { useCallback, useReducer } from 'react';
import { useUndoShortcuts } from './useUndoShortcuts.js';
import { draftHistoryReducer, initialDraftHistory } from './draftHistory.js';
import { IDENTITY_KERNEL_FILE, completeKernelFile } from './kernelFileDefaults.js';
import type { KernelFile } from './types.js';

/** How an edit enters the history. */
export interface DraftEditOptions {
  /** Merge with the previous edit when it came from the same `source` less than 500 ms ago. */
  merge?: boolean;
  /** The control the edit came from (e.g. "cell-1-2", "param-sigma"); merging is per source. */
  source?: string;
}

/** What useFilterDraft returns. */
export interface FilterDraft {
  draft: KernelFile;
  setDraft: (next: KernelFile, options?: DraftEditOptions) => void;
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
}

/**
 * The draft (every option written out; the identity kernel by default) and its undo history, with
 * the undo/redo shortcuts installed unless `shortcuts` is false (installing them again elsewhere
 * is harmless: a handled key press is marked and the second handler skips it).
 */
export function useFilterDraft(
  initial?: KernelFile,
  { shortcuts = true }: { shortcuts?: boolean } = {},
): FilterDraft {
  const [state, dispatch] = useReducer(draftHistoryReducer, initial, (file?: KernelFile) =>
    initialDraftHistory(file ? completeKernelFile(file) : IDENTITY_KERNEL_FILE),
  );
  const setDraft = useCallback((next: KernelFile, options: DraftEditOptions = {}) => {
    dispatch({
      type: 'edit',
      next,
      merge: options.merge ?? false,
      source: options.source ?? '',
      at: performance.now(),
    });
  }, []);
  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);
  useUndoShortcuts({ undo, redo }, shortcuts);
  return {
    draft: state.present,
    setDraft,
    undo,
    redo,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
  };
}
