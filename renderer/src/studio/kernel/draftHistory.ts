/**
 * Undo/redo history of the filter draft as a pure reducer. Consecutive edits from the same control
 * (same `source`) that ask to merge, each within MERGE_WINDOW_MS of the previous one, form a single
 * undo step, so dragging a slider or typing "0.25" into a cell is undone in one go.
 */
import { gridsEqual } from './gridOps.js';
import type { KernelFile } from './types.js';

/** Edits of one control closer together than this (ms) merge into one undo step. */
export const MERGE_WINDOW_MS = 500;

/** The most undo steps kept (a 31x31 pair is ~16 kB a step, so this bounds memory at a few MB). */
export const MAX_HISTORY = 200;

/** The draft, what undo and redo return to, and the last edit (for merging). */
export interface DraftHistory {
  past: KernelFile[];
  present: KernelFile;
  future: KernelFile[];
  /** The edit that produced `present` when it may still absorb the next one; null otherwise. */
  mergeable: { source: string; at: number } | null;
}

/** What the reducer does. */
export type DraftAction =
  | { type: 'edit'; next: KernelFile; merge: boolean; source: string; at: number }
  | { type: 'undo' }
  | { type: 'redo' };

/** A history holding only `present`. */
export function initialDraftHistory(present: KernelFile): DraftHistory {
  return { past: [], present, future: [], mergeable: null };
}

/** Whether two kernel files are the same (no undo step for an edit that changes nothing). */
export function kernelFilesEqual(a: KernelFile, b: KernelFile): boolean {
  return (
    gridsEqual(a.kernel, b.kernel) &&
    gridsEqual(a.kernelY, b.kernelY) &&
    a.version === b.version &&
    a.mode === b.mode &&
    a.border === b.border &&
    a.normalize === b.normalize &&
    a.scale === b.scale &&
    a.offset === b.offset &&
    a.mapping === b.mapping &&
    a.channels === b.channels
  );
}

/** The history after one action. */
export function draftHistoryReducer(state: DraftHistory, action: DraftAction): DraftHistory {
  switch (action.type) {
    case 'edit': {
      const { next, merge, source, at } = action;
      if (kernelFilesEqual(next, state.present)) return state;
      const mergeable = merge ? { source, at } : null;
      const last = state.mergeable;
      if (merge && last && last.source === source && at - last.at <= MERGE_WINDOW_MS) {
        // Replace present in place: the step's "before" stays what it was when the run started.
        return { ...state, present: next, future: [], mergeable };
      }
      const past = [...state.past, state.present];
      if (past.length > MAX_HISTORY) past.splice(0, past.length - MAX_HISTORY);
      return { past, present: next, future: [], mergeable };
    }
    case 'undo': {
      if (state.past.length === 0) return state;
      const previous = state.past[state.past.length - 1];
      return {
        past: state.past.slice(0, -1),
        present: previous,
        future: [state.present, ...state.future],
        mergeable: null,
      };
    }
    case 'redo': {
      if (state.future.length === 0) return state;
      const [next, ...rest] = state.future;
      return { past: [...state.past, state.present], present: next, future: rest, mergeable: null };
    }
  }
}
