/**
 * The drafts of A/B comparison: A (the one draft outside compare mode) and B, each with its own
 * undo history, which of them the kernel editor edits, and the undo/redo shortcuts for that one.
 * Turning compare mode on starts B as a copy of A and hands B to the editor.
 */
import { useCallback, useState } from 'react';

import { useFilterDraft, useUndoShortcuts, type FilterDraft } from './kernel/index.js';

/** One of the two compared drafts. */
export type AbSide = 'a' | 'b';

/** What useAbDrafts returns. */
export interface AbDrafts {
  a: FilterDraft;
  b: FilterDraft;
  comparing: boolean;
  setComparing(on: boolean): void;
  /** The draft the editor edits ('a' whenever not comparing). */
  editing: AbSide;
  setEditing(side: AbSide): void;
  /** The edited draft itself. */
  edited: FilterDraft;
}

/** A and B and the compare mode's switches. */
export function useAbDrafts(): AbDrafts {
  const a = useFilterDraft(undefined, { shortcuts: false });
  const b = useFilterDraft(undefined, { shortcuts: false });
  const [comparing, setComparingState] = useState(false);
  const [side, setSide] = useState<AbSide>('a');
  const editing = comparing ? side : 'a';
  const edited = editing === 'b' ? b : a;
  useUndoShortcuts(edited);

  const { draft: draftA } = a;
  const { setDraft: setB } = b;
  const setComparing = useCallback(
    (on: boolean) => {
      if (on) setB(draftA, { source: 'copy-a' });
      setSide(on ? 'b' : 'a');
      setComparingState(on);
    },
    [draftA, setB],
  );

  return { a, b, comparing, setComparing, editing, setEditing: setSide, edited };
}
